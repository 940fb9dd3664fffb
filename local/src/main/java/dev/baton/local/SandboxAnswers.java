package dev.baton.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * What AWS and Slack answer while {@link SandboxRun} replays the sandbox pipeline, shaped as their API references
 * document: CodePipeline starts the two releases with the executions the samples carry and reports the waiting
 * approval, Secrets Manager holds the local Slack app's secret, SNS and Slack accept what is sent. Installed at a
 * higher priority than other stubs, so the run sees these answers whatever else is installed.
 */
public final class SandboxAnswers {
  /** The Slack secret the functions read (Secrets Manager): {signingSecret, botToken}. */
  public static final String SLACK_SECRET = "baton/slack";
  public static final String SIGNING_SECRET = "sandbox-signing-secret-5f0a9c2e71d4";
  public static final String BOT_TOKEN = "xoxb-4203918275-5162738490-sandboxLocalToken";
  /** The approval action's token (the SNS notification's). */
  public static final String APPROVAL_TOKEN = "6f0c2a9e-84d1-4b7a-9e35-c2d8f1a4b607";
  /** #releases, where config/approvals.json's "everything-else" route posts, and the approval message's ts. */
  public static final String RELEASES_CHANNEL = "C0RELEASES";
  public static final String APPROVAL_TS = "1795428102.000200";
  /** #deployments, where config/alert-routing.json's defaults post, and the alert's ts. */
  public static final String DEPLOYMENTS_CHANNEL = "C0DEPLOYS";
  public static final String ALERT_TS = "1795429274.000300";
  /** The release-trigger function's role session, as CodePipeline reports who started an execution. */
  public static final String RELEASE_ROLE = "arn:aws:sts::123456789012:assumed-role/"
      + "baton-ReleaseTriggerFunctionRole-1HX8Q2V3ZK9LM/baton-ReleaseTriggerFunction-Yb3kQ8";
  private static final String CP = "CodePipeline_20150709.";
  private static final int PRIORITY = 1;

  private SandboxAnswers() {}

  public static void install(WireMockServer w) {
    w.stubFor(aws("secretsmanager.GetSecretValue").willReturn(json("{\"Name\": \"" + SLACK_SECRET + "\", "
        + "\"SecretString\": \"{\\\"signingSecret\\\": \\\"" + SIGNING_SECRET + "\\\", \\\"botToken\\\": \\\""
        + BOT_TOKEN + "\\\"}\", \"VersionStages\": [\"AWSCURRENT\"]}")));
    w.stubFor(aws(CP + "StartPipelineExecution").withRequestBody(containing("/1.0.0/baton-sandbox-1.0.0.zip"))
        .willReturn(json("{\"pipelineExecutionId\": \"" + SandboxRun.RELEASED + "\"}")));
    w.stubFor(aws(CP + "StartPipelineExecution").withRequestBody(containing("/1.0.1/baton-sandbox-1.0.1-fail.zip"))
        .willReturn(json("{\"pipelineExecutionId\": \"" + SandboxRun.FAILED + "\"}")));
    w.stubFor(aws(CP + "GetPipelineState").willReturn(json("""
        {"pipelineName": "baton-sandbox-deploy", "pipelineVersion": 1, "stageStates": [
          {"stageName": "Approve", "latestExecution": {"pipelineExecutionId": "%s", "status": "InProgress"},
           "actionStates": [{"actionName": "SandboxGate", "latestExecution": {"status": "InProgress", "token": "%s",
             "lastStatusChange": 1795428101.9}}]}]}""".formatted(SandboxRun.RELEASED, APPROVAL_TOKEN))));
    w.stubFor(aws(CP + "GetPipelineExecution").withRequestBody(containing(SandboxRun.RELEASED))
        .willReturn(json(execution(SandboxRun.RELEASED, "InProgress", "1.0.0", "baton-sandbox-1.0.0.zip",
            "Lw7bq2Yd0mC3x9Rk.VtS4hPz6Jn1uEaQ"))));
    w.stubFor(aws(CP + "GetPipelineExecution").withRequestBody(containing(SandboxRun.FAILED))
        .willReturn(json(execution(SandboxRun.FAILED, "Failed", "1.0.1", "baton-sandbox-1.0.1-fail.zip",
            "p3Nf8Kc1Gz7Rw2Yt.Qx5Lm9Vb0Hs4DjE"))));
    w.stubFor(aws(CP + "ListActionExecutions").willReturn(json("{\"actionExecutionDetails\": []}")));
    w.stubFor(aws(CP + "PutApprovalResult").willReturn(json("{\"approvedAt\": 1795428250.6}")));
    w.stubFor(post(urlEqualTo("/")).atPriority(PRIORITY).withRequestBody(containing("Action=Publish"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(
            "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>"
                + "5b1f7c3a-2d9e-5a84-b06c-8e4f2a1d9c37</MessageId></PublishResult></PublishResponse>")));
    w.stubFor(slack("chat.postMessage").withRequestBody(matchingJsonPath("$.channel", equalTo("#releases")))
        .willReturn(slackJson(message(RELEASES_CHANNEL, APPROVAL_TS))));
    w.stubFor(slack("chat.postMessage").withRequestBody(matchingJsonPath("$.channel", equalTo("#deployments")))
        .willReturn(slackJson(message(DEPLOYMENTS_CHANNEL, ALERT_TS))));
    w.stubFor(slack("chat.update").willReturn(slackJson("{\"ok\": true}")));
    w.stubFor(slack("chat.postEphemeral")
        .willReturn(slackJson("{\"ok\": true, \"message_ts\": \"1795428251.000400\"}")));
    w.stubFor(post(urlPathMatching("/2015-03-31/functions/.*/invocations")).atPriority(PRIORITY)
        .willReturn(aResponse().withStatus(202)));
  }

  private static String execution(String id, String status, String version, String file, String versionId) {
    return """
        {"pipelineExecution": {"pipelineName": "baton-sandbox-deploy", "pipelineVersion": 1,
          "pipelineExecutionId": "%s", "status": "%s",
          "artifactRevisions": [{"name": "SourceArtifact", "revisionId": "%s",
            "revisionSummary": "releases/baton-sandbox/%s/%s"}],
          "variables": [{"name": "VERSION", "resolvedValue": "%s"}],
          "trigger": {"triggerType": "StartPipelineExecution", "triggerDetail": "%s"},
          "executionMode": "QUEUED", "executionType": "STANDARD"}}"""
        .formatted(id, status, versionId, version, file, version, RELEASE_ROLE);
  }

  private static String message(String channel, String ts) {
    return "{\"ok\": true, \"channel\": \"" + channel + "\", \"ts\": \"" + ts + "\"}";
  }

  private static MappingBuilder aws(String target) {
    return post(urlEqualTo("/")).atPriority(PRIORITY).withHeader("X-Amz-Target", equalTo(target));
  }

  private static MappingBuilder slack(String method) {
    return post(urlEqualTo("/slack/api/" + method)).atPriority(PRIORITY);
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  private static ResponseDefinitionBuilder slackJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }
}
