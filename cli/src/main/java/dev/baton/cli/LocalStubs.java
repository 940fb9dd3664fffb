package dev.baton.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

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
    installAlerts(wiremock);
  }

  // ---- failure alerting: the Slack secret, SNS Publish, Slack chat.postMessage / chat.update, CodePipeline look-ups
  static final String ALERT_SLACK_SECRET = "baton/alerts-slack";

  static void installAlerts(WireMockServer wiremock) {
    wiremock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"Name\":\"" + ALERT_SLACK_SECRET + "\",\"SecretString\":\"{\\\"botToken\\\":"
                + "\\\"xoxb-local-demo-token\\\"}\"}")));
    wiremock.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
            .withBody("<PublishResponse><PublishResult><MessageId>{{randomValue type='UUID'}}</MessageId>"
                + "</PublishResult></PublishResponse>").withTransformers("response-template")));
    wiremock.stubFor(post(urlEqualTo("/slack/api/chat.postMessage")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":true,\"channel\":\"C0LOCAL0001\",\"ts\":\"{{now format='unix'}}.000100\"}")
        .withTransformers("response-template")));
    wiremock.stubFor(post(urlEqualTo("/slack/api/chat.update")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":true,\"channel\":\"{{jsonPath request.body '$.channel'}}\","
            + "\"ts\":\"{{jsonPath request.body '$.ts'}}\"}").withTransformers("response-template")));
    wiremock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(CODEPIPELINE + "GetPipelineExecution"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"pipelineExecution\":{\"pipelineName\":\"{{jsonPath request.body '$.pipelineName'}}\","
                + "\"pipelineExecutionId\":\"{{jsonPath request.body '$.pipelineExecutionId'}}\","
                + "\"status\":\"InProgress\",\"trigger\":{\"triggerType\":\"StartPipelineExecution\","
                + "\"triggerDetail\":\"arn:aws:sts::123456789012:assumed-role/Deployers/local\"}}}")
            .withTransformers("response-template")));
    wiremock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(CODEPIPELINE + "ListActionExecutions"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"actionExecutionDetails\":[]}")));
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
