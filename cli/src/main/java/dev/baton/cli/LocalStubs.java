package dev.baton.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
