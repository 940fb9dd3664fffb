package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PutEvents calls the functions made to the stack's EventBridge stand-in, and the check that an entry is exactly
 * the sample of its detail type in events/ (the detail as EventBridge hands it to a rule's target), apart from the
 * fields a test names as varying (the time the change was recorded, ids CodePipeline or Slack made up).
 */
final class PublishedEvents {
  private PublishedEvents() {}

  static List<LoggedRequest> calls(WireMockServer eventBridge) {
    return eventBridge.findAll(postRequestedFor(urlEqualTo("/")));
  }

  /** Every entry of every PutEvents call, oldest first. */
  static List<JsonObject> entries(WireMockServer eventBridge) {
    return calls(eventBridge).stream()
        .flatMap(r -> Json.parseObject(r.getBodyAsString()).objects("Entries").stream()).toList();
  }

  /**
   * Asserts {@code entry} is the event of sample {@code sample} on the default bus: source, detail type, the detail
   * field by field (the fields in {@code varying} only present), and the entry's Time the detail's time.
   */
  static void assertIsSample(String sample, JsonObject entry, Set<String> varying) {
    JsonObject expected = Json.parseObject(Events.load(sample));
    assertEquals(Set.of("EventBusName", "Source", "DetailType", "Time", "Detail"), entry.keys(), entry.toString());
    assertEquals("default", entry.string("EventBusName"));
    assertEquals("baton", entry.string("Source"));
    assertEquals(expected.string("detail-type"), entry.string("DetailType"));
    JsonObject detail = Json.parseObject(entry.string("Detail"));
    assertEquals(without(expected.object("detail").asMap(), varying), without(detail.asMap(), varying),
        "the detail of " + sample);
    for (String field : varying) {
      assertTrue(detail.has(field), field + " in " + detail);
    }
    Instant time = Instant.parse(detail.string("time"));
    BigDecimal seconds = new BigDecimal(String.valueOf(entry.asMap().get("Time")));
    assertEquals(time.toEpochMilli(), seconds.movePointRight(3).longValueExact(), "Time is the detail's time");
    assertEquals(List.copyOf(expected.object("detail").keys()), List.copyOf(detail.keys()), "field order");
  }

  private static Map<String, Object> without(Map<String, Object> m, Set<String> fields) {
    Map<String, Object> out = new LinkedHashMap<>(m);
    fields.forEach(out::remove);
    return out;
  }
}
