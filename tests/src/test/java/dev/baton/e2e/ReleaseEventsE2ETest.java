package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * release-trigger's events as packaged: the exact PutEvents entries (events/baton-release-*.json), a partial failure
 * retried, and EventBridge down through a whole invocation: the start stays recorded, Lambda's retry publishes the
 * same event once and starts nothing again.
 */
class ReleaseEventsE2ETest extends StackTest {
  private static final String FUNCTION = "ReleaseTriggerFunction";
  private static final String START = "CodePipeline_20150709.StartPipelineExecution";
  private static final String EXECUTION = "4f8a1c2e-0000-4000-8000-000000000001";

  private LocalLambda fn;

  @BeforeEach
  void freshTableAndFunction() {
    fn = stack.function(FUNCTION, Map.of("BATON_TABLE", freshTable("release-events")));
  }

  @Test
  void givenAStartedRelease_thenOnePutEventsWithTheReleaseStartedSample() {
    startAnswers(ok("{\"pipelineExecutionId\":\"" + EXECUTION + "\"}"));

    Invocation result = fn.invoke(Events.load("s3-object-created.json"));

    assertFalse(result.failed(), result::toString);
    assertEquals(1, PublishedEvents.calls(stack.eventBridge()).size());
    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(1, entries.size());
    PublishedEvents.assertIsSample("baton-release-started.json", entries.getFirst(), Set.of("time"));
    stack.eventBridge().verify(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents")));
  }

  @Test
  void givenARefusedStart_thenOnePutEventsWithTheReleaseFailedSample() {
    startAnswers(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"PipelineNotFoundException\",\"message\":\"no pipeline ghost-deploy\"}"));

    Invocation result = fn.invoke(Events.load("s3-object-created-unknown-pipeline.json"));

    assertTrue(result.bodyText().contains("\"outcome\":\"FAILED\""), result::toString);
    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(1, entries.size());
    PublishedEvents.assertIsSample("baton-release-failed.json", entries.getFirst(), Set.of("time"));
  }

  @Test
  void givenAPartialFailure_thenTheRefusedEntryIsSentAgain_andTheInvocationSucceeds() {
    startAnswers(ok("{\"pipelineExecutionId\":\"" + EXECUTION + "\"}"));
    stack.eventBridge().stubFor(post(urlEqualTo("/")).inScenario("partial").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("accepting").willReturn(ok("{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":"
            + "\"InternalFailure\",\"ErrorMessage\":\"Internal service error\"}]}")));

    Invocation result = fn.invoke(Events.load("s3-object-created.json"));

    assertFalse(result.failed(), result::toString);
    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(2, entries.size(), "the refused entry, then the same entry accepted");
    assertEquals(entries.get(0).asMap(), entries.get(1).asMap());
    PublishedEvents.assertIsSample("baton-release-started.json", entries.get(1), Set.of("time"));
    assertTrue(fn.log().contains("InternalFailure"), fn.log());
  }

  @Test
  void givenEventBridgeDownThroughEveryRetryOfAnInvocation_thenLambdasRetryPublishesTheSameEventOnce_andStartsNothing() {
    startAnswers(ok("{\"pipelineExecutionId\":\"" + EXECUTION + "\"}"));
    var outage = stack.eventBridge().stubFor(post(urlEqualTo("/"))
        .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
    String event = Events.load("s3-object-created.json");

    Invocation first = fn.invoke(event);
    int triedDuringTheOutage = PublishedEvents.calls(stack.eventBridge()).size();
    stack.eventBridge().removeStub(outage);
    Invocation retry = fn.invoke(event);

    assertTrue(first.failed(), first::toString);
    assertTrue(triedDuringTheOutage > 1, "the SDK retried: " + triedDuringTheOutage);
    assertTrue(retry.bodyText().contains("\"outcome\":\"DUPLICATE\""), retry::toString);
    assertEquals(1, stack.wiremock().findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo(START))).size(), "one start");
    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(triedDuringTheOutage + 1, entries.size(), "one publish after the outage");
    entries.forEach(e -> assertEquals(entries.getFirst().asMap(), e.asMap(), "every try sends the same event"));
    PublishedEvents.assertIsSample("baton-release-started.json", entries.getLast(), Set.of("time"));
  }

  private static void startAnswers(ResponseDefinitionBuilder answer) {
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START)).willReturn(answer));
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }
}
