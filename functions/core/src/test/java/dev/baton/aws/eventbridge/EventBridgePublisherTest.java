package dev.baton.aws.eventbridge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.aws.LocalWireMock;
import dev.baton.core.events.Actor;
import dev.baton.core.events.BatonEvent;
import dev.baton.core.events.DetailType;
import dev.baton.core.events.EventPublishException;
import dev.baton.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** PutEvents as the real SDK sends it to a WireMock EventBridge: the body, partial failures, giving up. */
class EventBridgePublisherTest {
  private static final String PUT_EVENTS = "AWSEvents.PutEvents";
  @RegisterExtension static final LocalWireMock events = new LocalWireMock();

  private final List<Duration> pauses = new ArrayList<>();
  private final EventBridgePublisher publisher = new EventBridgePublisher(events.client(EventBridgeClient.builder()
      .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build())),
      "baton-events", pauses::add);

  @Test
  void givenOneEvent_thenOnePutEventsWithSourceDetailTypeBusTimeAndTheDetailAsJson() {
    answer(ok(1, 0));

    publisher.publish(event("a", Instant.parse("2026-03-02T10:15:30.250Z")));

    events.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PUT_EVENTS))
        .withRequestBody(equalToJson("""
            {"Entries": [{"EventBusName": "baton-events", "Source": "baton", "DetailType": "Baton Release Started",
              "Time": 1772446530.25,
              "Detail": "{\\"id\\":\\"a\\",\\"pipeline\\":\\"payments-deploy\\",\\"executionId\\":\\"exec-1\\",\\"actor\\":{\\"type\\":\\"s3-object\\",\\"id\\":\\"s3://b/k\\"},\\"links\\":{\\"execution\\":\\"https://console\\"},\\"time\\":\\"2026-03-02T10:15:30.250Z\\",\\"rule\\":\\"r\\"}"}]}
            """)));
    assertEquals(List.of(), pauses);
  }

  @Test
  void givenAPartialFailure_thenOnlyTheFailedEntryIsSentAgainAfterAPause_andThePublishSucceeds() {
    events.stubFor(post(urlEqualTo("/")).inScenario("partial").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(json("{\"FailedEntryCount\":1,\"Entries\":[{\"EventId\":\"e1\"},"
            + "{\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"Rate exceeded\"},{\"EventId\":\"e3\"}]}"))
        .willSetStateTo("retried"));
    events.stubFor(post(urlEqualTo("/")).inScenario("partial").whenScenarioStateIs("retried")
        .willReturn(ok(1, 0)));

    publisher.publish(List.of(event("a", Instant.EPOCH), event("b", Instant.EPOCH), event("c", Instant.EPOCH)));

    List<LoggedRequest> calls = events.findAll(postRequestedFor(urlEqualTo("/")));
    assertEquals(2, calls.size());
    assertEquals(List.of("a", "b", "c"), ids(calls.get(0)));
    assertEquals(List.of("b"), ids(calls.get(1)));
    assertEquals(List.of(Duration.ofMillis(100)), pauses);
  }

  @Test
  void givenAnEntryRefusedOnEveryTry_thenFourTriesWithGrowingPauses_andThePublishFailsNamingTheError() {
    answer(json("{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\","
        + "\"ErrorMessage\":\"Internal error\"}]}"));

    EventPublishException e = assertThrows(EventPublishException.class,
        () -> publisher.publish(event("a", Instant.EPOCH)));

    assertEquals(EventBridgePublisher.MAX_ATTEMPTS, events.findAll(postRequestedFor(urlEqualTo("/"))).size());
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), pauses);
    assertTrue(e.getMessage().contains("InternalFailure: Internal error"), e.getMessage());
    assertTrue(e.getMessage().contains("baton-events"), e.getMessage());
  }

  @Test
  void givenMoreThanTenEvents_thenCallsOfAtMostTen() {
    answer(ok(10, 0));

    publisher.publish(IntStream.range(0, 12).mapToObj(i -> event("e" + i, Instant.EPOCH)).toList());

    List<LoggedRequest> calls = events.findAll(postRequestedFor(urlEqualTo("/")));
    assertEquals(List.of(10, 2), calls.stream().map(c -> ids(c).size()).toList());
  }

  @Test
  void givenTheBusDownWith500s_thenTheSdksRetriesOnly_andTheFailureReachesTheCaller() {
    answer(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"InternalException\",\"message\":\"down\"}"));

    assertThrows(RuntimeException.class, () -> publisher.publish(event("a", Instant.EPOCH)));

    assertEquals(3, events.findAll(postRequestedFor(urlEqualTo("/"))).size(), "the SDK's standard mode: 3 tries");
    assertEquals(List.of(), pauses, "no retry of ours on top of the SDK's");
  }

  private static BatonEvent event(String id, Instant time) {
    return new BatonEvent(DetailType.RELEASE_STARTED, id, "payments-deploy", Optional.of("exec-1"), Optional.empty(),
        Optional.empty(), Actor.upload("s3://b/k"), Map.of("execution", "https://console"), time, Map.of("rule", "r"));
  }

  private static List<String> ids(LoggedRequest r) {
    return Json.parseObject(r.getBodyAsString()).objects("Entries").stream()
        .map(e -> Json.parseObject(e.string("Detail")).string("id")).toList();
  }

  private static void answer(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    events.stubFor(post(urlEqualTo("/")).willReturn(response));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(int entries, int failed) {
    String results = String.join(",", java.util.Collections.nCopies(entries, "{\"EventId\":\"x\"}"));
    return json("{\"FailedEntryCount\":" + failed + ",\"Entries\":[" + results + "]}");
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }
}
