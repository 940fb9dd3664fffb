package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A promotion into a frozen target through the packaged release-trigger: it is held exactly like a release
 * ({@code Baton Release Held}, events/baton-release-held-promotion.json), a redelivery adds nothing, and the sweep
 * starts it once when the freeze is over, with the token and revision it would have started with.
 */
class PromotionFreezeE2ETest extends StackTest {
  private static final String START = "CodePipeline_20150709.StartPipelineExecution";
  private static final String RELEASED = "4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304";
  private static final String STAGING = "5b9e2d3f-8c4a-4f2a-b1d6-a3c7f2e8e415";

  @TempDir
  Path dir;

  @Test
  void givenAFrozenTarget_thenThePromotionIsHeld_aDuplicateAddsNothing_andTheSweepStartsItOnceAfterTheFreeze()
      throws Exception {
    String table = freshTable("promotion-freeze");
    for (String[] answer : List.of(new String[] {"payments-deploy", RELEASED}, new String[] {"payments-staging",
        STAGING})) {
      stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START))
          .withRequestBody(matchingJsonPath("$.name", equalTo(answer[0])))
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
              .withBody("{\"pipelineExecutionId\":\"" + answer[1] + "\"}")));
    }
    Instant end = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
    LocalLambda fn = stack.function("ReleaseTriggerFunction", Map.of("BATON_TABLE", table,
        "BATON_FREEZES", stagingFrozenUntil(end).toString()));
    String succeeded = Events.load("codepipeline-pipeline-succeeded.json");
    String sweep = Events.load("scheduled-freeze-sweep.json");
    assertTrue(fn.invoke(Events.load("s3-object-created.json")).bodyText().contains("\"outcome\":\"STARTED\""));
    stack.resetEventBridge();

    Invocation held = fn.invoke(succeeded);
    Invocation duplicate = fn.invoke(succeeded);
    Invocation earlySweep = fn.invoke(sweep);

    assertTrue(held.bodyText().contains("\"to\":\"payments-staging\",\"rule\":\"payments-to-staging\","
        + "\"outcome\":\"HELD\""), held::toString);
    assertTrue(duplicate.bodyText().contains("\"outcome\":\"DUPLICATE\""), duplicate::toString);
    assertEquals("{\"released\":[],\"promoted\":[]}", earlySweep.bodyText());
    assertEquals(0, starts());
    List<JsonObject> events = PublishedEvents.entries(stack.eventBridge());
    assertEquals(2, events.size(), "held, and the same event again for the duplicate");
    PublishedEvents.assertIsSample("baton-release-held-promotion.json", events.getFirst(), Set.of("time", "freeze"));
    assertEquals(events.get(0).asMap(), events.get(1).asMap());
    assertEquals(end.toString(), Json.parseObject(events.getFirst().string("Detail")).object("freeze")
        .string("frozenUntil"));
    Map<String, AttributeValue> record = item(table, "PROMOTION#payments-deploy#" + RELEASED, "TO#payments-staging");
    assertEquals("HELD", record.get("status").s());
    assertEquals("PROMOTIONS#WAITING", record.get("gsi1pk").s());
    String token = record.get("clientRequestToken").s();

    Thread.sleep(Math.max(0, end.toEpochMilli() - System.currentTimeMillis()) + 200);
    stack.resetEventBridge();
    Invocation released = fn.invoke(sweep);
    Invocation again = fn.invoke(sweep);
    Invocation late = fn.invoke(succeeded);

    assertTrue(released.bodyText().contains("\"promoted\":[{\"from\":\"payments-deploy\",\"sourceExecutionId\":\""
        + RELEASED + "\",\"to\":\"payments-staging\",\"rule\":\"payments-to-staging\",\"outcome\":\"STARTED\","
        + "\"executionId\":\"" + STAGING + "\"}]"), released::toString);
    assertEquals("{\"released\":[],\"promoted\":[]}", again.bodyText());
    assertTrue(late.bodyText().contains("\"outcome\":\"DUPLICATE\""), late::toString);
    assertEquals(1, starts());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/"))
        .withRequestBody(matchingJsonPath("$.name", equalTo("payments-staging")))
        .withRequestBody(matchingJsonPath("$.clientRequestToken", equalTo(token)))
        .withRequestBody(matchingJsonPath("$.sourceRevisions[1].revisionValue",
            equalTo("3HL4kqtJlcpXroDTDmjVBH40Nrjfkd"))));
    List<JsonObject> started = PublishedEvents.entries(stack.eventBridge());
    assertEquals(2, started.size(), "started by the sweep, and again (the same id) for the late duplicate");
    PublishedEvents.assertIsSample("baton-promotion-started.json", started.getFirst(), Set.of("time", "change"));
    assertEquals("STARTED", item(table, "PROMOTION#payments-deploy#" + RELEASED, "TO#payments-staging")
        .get("status").s());
  }

  private Path stagingFrozenUntil(Instant end) throws IOException {
    Path file = dir.resolve("freezes.json");
    Files.writeString(file, """
        {"freezes": [{"name": "release-night", "description": "Database migration", "pipelines": ["payments-staging"],
                      "zone": "UTC", "dates": {"from": "%s", "to": "%s"}, "whenFrozen": "hold"}]}"""
        .formatted(LocalDateTime.ofInstant(end.minus(1, ChronoUnit.HOURS), ZoneOffset.UTC),
            LocalDateTime.ofInstant(end, ZoneOffset.UTC)));
    return file;
  }

  private static int starts() {
    return stack.wiremock().findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START))
        .withRequestBody(matchingJsonPath("$.name", equalTo("payments-staging")))).size();
  }

  private static Map<String, AttributeValue> item(String table, String pk, String sk) {
    Map<String, AttributeValue> item = stack.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    assertTrue(item != null && !item.isEmpty(), "no item " + pk + " / " + sk);
    return item;
  }
}
