package dev.baton.aws.codepipeline;

import dev.baton.aws.LocalWireMock;
import org.junit.jupiter.api.extension.RegisterExtension;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.baton.core.alerts.ExecutionFacts;
import dev.baton.core.alerts.FailedAction;
import dev.baton.core.alerts.Provenance;
import dev.baton.core.alerts.Trigger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;

/** ListActionExecutions and GetPipelineExecution through the real SDK against a WireMock CodePipeline. */
class CodePipelineLookupTest {
  private static final String LIST = "CodePipeline_20150709.ListActionExecutions";
  private static final String GET = "CodePipeline_20150709.GetPipelineExecution";
  @RegisterExtension
  static final LocalWireMock wiremock = new LocalWireMock();
  private static CodePipelineLookup lookup;

  @BeforeAll
  static void start() {
    lookup = new CodePipelineLookup(wiremock.client(CodePipelineClient.builder()));
  }

  private static MappingBuilder call(String target) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
  }

  private static String detail(String stage, String action, String status, double start, String summary) {
    return """
        {"pipelineExecutionId": "e-1", "stageName": "%s", "actionName": "%s", "status": "%s", "startTime": %s,
         "input": {"actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"}},
         "output": {"executionResult": {"externalExecutionSummary": %s,
           "externalExecutionUrl": "https://console.aws.amazon.com/codebuild/x/%s", "externalExecutionId": "id-%s",
           "errorDetails": {"code": "JobFailed", "message": "message of %s"}}}}"""
        .formatted(stage, action, status, start, summary == null ? "null" : "\"" + summary + "\"", action, action,
            action);
  }

  @Test
  void givenPagesAndRetriedActions_thenTheLatestRunOfEachFailedActionInPipelineOrder() {
    wiremock.stubFor(call(LIST).withRequestBody(matchingJsonPath("$.nextToken", equalTo("page-2")))
        .willReturn(json("{\"actionExecutionDetails\": [" + detail("Test", "Unit", "Failed", 1763712300.0, "unit "
            + "tests failed") + "]}")));
    wiremock.stubFor(call(LIST).withRequestBody(equalToJson("{\"pipelineName\": \"p\", \"filter\": "
            + "{\"pipelineExecutionId\": \"e-1\"}, \"maxResults\": 100}"))
        .willReturn(json("{\"actionExecutionDetails\": [" + detail("Build", "Compile", "Succeeded", 1763712500.0, null)
            + "," + detail("Build", "Compile", "Failed", 1763712200.0, null) + ","
            + detail("Test", "Lint", "Failed", 1763712400.0, null) + "], \"nextToken\": \"page-2\"}")));

    List<FailedAction> failed = lookup.failedActions("p", "e-1", Optional.empty());

    assertEquals(List.of(
        new FailedAction("Test", "Unit", Optional.of("CodeBuild"), Optional.of("Build"), Optional.of("unit tests failed"),
            Optional.of("JobFailed"), Optional.of("https://console.aws.amazon.com/codebuild/x/Unit"),
            Optional.of("id-Unit")),
        new FailedAction("Test", "Lint", Optional.of("CodeBuild"), Optional.of("Build"), Optional.of("message of Lint"),
            Optional.of("JobFailed"), Optional.of("https://console.aws.amazon.com/codebuild/x/Lint"),
            Optional.of("id-Lint"))), failed, "Compile's retry succeeded, so it is not failed");
    assertEquals(List.of("Unit"), lookup.failedActions("p", "e-1", Optional.of("Test")).stream()
        .filter(f -> f.action().equals("Unit")).map(FailedAction::action).toList());
    wiremock.verify(4, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(LIST)));
  }

  @Test
  void givenAnExecution_thenTriggerSummaryAndTheCommitOfItsSource() {
    wiremock.stubFor(call(GET).withRequestBody(equalToJson("{\"pipelineName\": \"p\", \"pipelineExecutionId\": "
        + "\"e-1\"}")).willReturn(json("""
        {"pipelineExecution": {"pipelineName": "p", "pipelineExecutionId": "e-1", "status": "Stopped",
          "statusSummary": "stopped by jdoe",
          "artifactRevisions": [
            {"name": "SourceArtifact", "revisionId": "9fceb02d0ae598e95dc970b74767f19372d61af8",
             "revisionSummary": "{\\"ProviderType\\":\\"GitHub\\",\\"CommitMessage\\":\\"Fix it\\"}",
             "revisionUrl": "https://github.com/acme/p/commit/9fceb02"},
            {"name": "Image", "revisionId": "sha256:4f1d", "revisionSummary": "image built by CI"}],
          "trigger": {"triggerType": "StartPipelineExecution", "triggerDetail": "arn:aws:iam::123456789012:user/jdoe"}}}""")));

    ExecutionFacts facts = lookup.execution("p", "e-1").orElseThrow();

    assertEquals(new ExecutionFacts(Optional.of("Stopped"), Optional.of("stopped by jdoe"),
        Optional.of(new Trigger("StartPipelineExecution", Optional.of("arn:aws:iam::123456789012:user/jdoe"))),
        List.of(new Provenance.Commit("9fceb02d0ae598e95dc970b74767f19372d61af8", Optional.of("Fix it"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("https://github.com/acme/p/commit/9fceb02")),
            new Provenance.Revision("Image", "sha256:4f1d", Optional.of("image built by CI"), Optional.empty()))),
        facts);
  }

  @Test
  void givenAnExecutionCodePipelineNoLongerKnows_thenNothing_notAnError() {
    wiremock.stubFor(call(GET).willReturn(aResponse().withStatus(400).withHeader("Content-Type",
        "application/x-amz-json-1.1").withBody("{\"__type\":\"PipelineExecutionNotFoundException\",\"message\":\"x\"}")));
    wiremock.stubFor(call(LIST).willReturn(aResponse().withStatus(400).withHeader("Content-Type",
        "application/x-amz-json-1.1").withBody("{\"__type\":\"PipelineNotFoundException\",\"message\":\"x\"}")));

    assertEquals(Optional.empty(), lookup.execution("p", "e-old"));
    assertEquals(List.of(), lookup.failedActions("p", "e-old", Optional.empty()));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }
}
