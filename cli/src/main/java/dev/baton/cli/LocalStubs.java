package dev.baton.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * Plausible answers from the AWS and Slack APIs for a local run, so a function does its whole job against
 * WireMock; and a readable list of the calls it made.
 */
final class LocalStubs {
  static final String CODEPIPELINE = "CodePipeline_20150709.";

  private LocalStubs() {}

  static void install(WireMockServer wiremock) {
    wiremock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(CODEPIPELINE + "StartPipelineExecution"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"pipelineExecutionId\":\"{{randomValue type='UUID'}}\"}").withTransformers("response-template")));
    installApprovals(wiremock);
    installAlerts(wiremock);
  }

  // ---- Slack approvals
  /** The local Slack app's signing secret (Secrets Manager stand-in); the approval story signs its clicks with it. */
  static final String SLACK_SIGNING_SECRET = "local-signing-secret-0123456789ab";

  private static void installApprovals(WireMockServer wiremock) {
    aws(wiremock, "secretsmanager.GetSecretValue", "{\"Name\":\"baton/slack\",\"SecretString\":"
        + "\"{\\\"signingSecret\\\":\\\"" + SLACK_SIGNING_SECRET + "\\\",\\\"botToken\\\":\\\"xoxb-local\\\"}\"}");
    aws(wiremock, CODEPIPELINE + "PutApprovalResult", "{\"approvedAt\":1763644421.5}");
    aws(wiremock, CODEPIPELINE + "GetPipelineState", "{\"pipelineName\":\"payments-deploy\",\"stageStates\":["
        + "{\"stageName\":\"Approve\",\"latestExecution\":{\"pipelineExecutionId\":\"5e9a0c18-2f7d-4b36-a1e8-c4d2b6f9e073\","
        + "\"status\":\"InProgress\"},\"actionStates\":[{\"actionName\":\"ProductionGate\",\"latestExecution\":"
        + "{\"status\":\"InProgress\",\"token\":\"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\"}}]}]}");
    aws(wiremock, CODEPIPELINE + "GetPipelineExecution", "{\"pipelineExecution\":{\"pipelineName\":\"payments-deploy\","
        + "\"pipelineExecutionId\":\"5e9a0c18-2f7d-4b36-a1e8-c4d2b6f9e073\",\"status\":\"InProgress\",\"trigger\":"
        + "{\"triggerType\":\"StartPipelineExecution\",\"triggerDetail\":\"arn:aws:sts::123456789012:assumed-role/Deployers/bob\"}}}");
    slack(wiremock, "chat.postMessage", "{\"ok\":true,\"channel\":\"C0PAYMENTS\",\"ts\":\"1763644361.000100\"}");
    slack(wiremock, "chat.update", "{\"ok\":true,\"channel\":\"C0PAYMENTS\",\"ts\":\"1763644361.000100\"}");
    slack(wiremock, "chat.postEphemeral", "{\"ok\":true,\"message_ts\":\"1763644500.000200\"}");
    slack(wiremock, "views.open", "{\"ok\":true,\"view\":{\"id\":\"V0LOCAL\"}}");
    slack(wiremock, "usergroups.users.list", "{\"ok\":true,\"users\":[\"U0CAROL\"]}");
    wiremock.stubFor(post(urlPathMatching("/2015-03-31/functions/.*/invocations")).willReturn(aResponse().withStatus(202)));
    // Slack's response_url of a click (the command story's release confirmation)
    wiremock.stubFor(post(urlPathMatching("/slack/respond/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
  }

  // ---- failure alerting: SNS Publish and ListActionExecutions (the Slack secret, Slack and GetPipelineExecution
  // answers above serve the alerts function too)
  /** The Slack secret the local alerts function reads: the approvals app's, for its bot token. */
  static final String ALERT_SLACK_SECRET = "baton/slack";

  private static void installAlerts(WireMockServer wiremock) {
    wiremock.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
            .withBody("<PublishResponse><PublishResult><MessageId>{{randomValue type='UUID'}}</MessageId>"
                + "</PublishResult></PublishResponse>").withTransformers("response-template")));
    aws(wiremock, CODEPIPELINE + "ListActionExecutions", "{\"actionExecutionDetails\":[]}");
  }

  private static void aws(WireMockServer wiremock, String target, String body) {
    wiremock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body)));
  }

  private static void slack(WireMockServer wiremock, String method, String body) {
    wiremock.stubFor(post(urlEqualTo("/slack/api/" + method))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
  }

  /** One line per call the functions made to the stand-ins: the AWS operation (or Slack method) and its body. */
  static List<String> calls(WireMockServer wiremock) {
    return wiremock.getAllServeEvents().reversed().stream().map(e -> describe(e.getRequest())).toList();
  }

  static String describe(LoggedRequest r) {
    String target = r.getHeader("X-Amz-Target");
    String what = target != null ? target.substring(target.indexOf('.') + 1) : r.getMethod() + " " + r.getUrl();
    return what + " " + r.getBodyAsString();
  }
}
