package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.core.freeze.AdHocFreeze;
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
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Freezes through the packaged release-trigger: an upload during a configured freeze is held with its provenance
 * (and {@code Baton Release Held} published, events/baton-release-held.json), a duplicate delivery adds nothing, the sweep (the stack's schedule, events/scheduled-freeze-sweep.json) starts
 * nothing while the freeze lasts and the release exactly once after it; a freeze that drops records the release
 * DROPPED; an ad-hoc freeze in the table holds like a configured one.
 */
class ReleaseFreezeE2ETest extends StackTest {
  private static final String FUNCTION = "ReleaseTriggerFunction";
  private static final String START = "CodePipeline_20150709.StartPipelineExecution";
  private static final String PK = "RELEASE#acme-releases/releases/payments/1.4.2/payments-1.4.2.zip";
  private static final String SK = "UPLOAD#v:3HL4kqtJlcpXroDTDmjVBH40Nrjfkd";

  @TempDir
  Path dir;
  private String table;

  @BeforeEach
  void freshTable() {
    table = freshTable("freezes");
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"pipelineExecutionId\":\"exec-after-freeze\"}")));
  }

  /** The function with a freezes file holding one dated window on payments-*, in UTC, ending at {@code end}. */
  private LocalLambda frozenUntil(Instant end, String whenFrozen) throws IOException {
    LocalDateTime from = LocalDateTime.ofInstant(end.minus(1, ChronoUnit.HOURS), ZoneOffset.UTC);
    LocalDateTime to = LocalDateTime.ofInstant(end, ZoneOffset.UTC);
    Path file = dir.resolve("freezes.json");
    Files.writeString(file, """
        {"freezes": [{"name": "release-night", "description": "Database migration", "pipelines": ["payments-*"],
                      "zone": "UTC", "dates": {"from": "%s", "to": "%s"}, "whenFrozen": "%s"}]}"""
        .formatted(from, to, whenFrozen));
    return stack.function(FUNCTION, Map.of("BATON_TABLE", table, "BATON_FREEZES", file.toString()));
  }

  @Test
  void givenAnUploadDuringAFreeze_thenHeld_aDuplicateAddsNothing_andTheSweepStartsItOnceWhenTheFreezeIsOver()
      throws Exception {
    Instant end = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
    LocalLambda fn = frozenUntil(end, "hold");
    String upload = Events.load("s3-object-created.json");
    String sweep = Events.load("scheduled-freeze-sweep.json");

    Invocation held = fn.invoke(upload);
    Invocation duplicate = fn.invoke(upload);
    Invocation earlySweep = fn.invoke(sweep);

    assertTrue(held.bodyText().contains("\"outcome\":\"HELD\""), held::toString);
    assertTrue(duplicate.bodyText().contains("\"outcome\":\"DUPLICATE\""), duplicate::toString);
    assertEquals("{\"released\":[],\"promoted\":[]}", earlySweep.bodyText());
    assertEquals(0, starts(), "nothing starts during the freeze");
    Map<String, AttributeValue> record = item(PK, SK);
    assertEquals("HELD", record.get("status").s());
    assertEquals("release-night (Database migration)", record.get("heldBy").s());
    assertEquals(end.toString(), record.get("frozenUntil").s());
    assertEquals("RELEASES#WAITING", record.get("gsi1pk").s());
    assertEquals("1.4.2", record.get("variables").m().get("VERSION").s(), "the provenance is kept");
    String token = record.get("clientRequestToken").s();
    List<JsonObject> heldEvents = PublishedEvents.entries(stack.eventBridge());
    assertEquals(2, heldEvents.size(), "Baton Release Held, and again (the same id) for the duplicate delivery");
    PublishedEvents.assertIsSample("baton-release-held.json", heldEvents.getFirst(), Set.of("time", "freeze"));
    assertEquals(heldEvents.get(0).asMap(), heldEvents.get(1).asMap());
    JsonObject freeze = Json.parseObject(heldEvents.getFirst().string("Detail")).object("freeze");
    assertEquals("release-night (Database migration)", freeze.string("name"));
    assertEquals(end.toString(), freeze.string("frozenUntil"));

    Thread.sleep(Math.max(0, end.toEpochMilli() - System.currentTimeMillis()) + 200);
    Invocation released = fn.invoke(sweep);
    Invocation again = fn.invoke(sweep);
    Invocation lateDuplicate = fn.invoke(upload);

    assertTrue(released.bodyText().contains("\"outcome\":\"STARTED\"")
        && released.bodyText().contains("\"executionId\":\"exec-after-freeze\""), released::toString);
    assertEquals("{\"released\":[],\"promoted\":[]}", again.bodyText());
    assertTrue(lateDuplicate.bodyText().contains("\"outcome\":\"DUPLICATE\""), lateDuplicate::toString);
    assertEquals(1, starts());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/"))
        .withRequestBody(matchingJsonPath("$.name", equalTo("payments-deploy")))
        .withRequestBody(matchingJsonPath("$.clientRequestToken", equalTo(token)))
        .withRequestBody(matchingJsonPath("$.variables[1].value", equalTo("1.4.2")))
        .withRequestBody(matchingJsonPath("$.sourceRevisions[1].revisionValue",
            equalTo("3HL4kqtJlcpXroDTDmjVBH40Nrjfkd"))));
    Map<String, AttributeValue> started = item(PK, SK);
    assertEquals("STARTED", started.get("status").s());
    assertEquals("exec-after-freeze", started.get("executionId").s());
    assertEquals("PIPELINE#payments-deploy", started.get("gsi1pk").s(), "listed with the pipeline's releases again");
    assertTrue(started.containsKey("releasedAt") && started.containsKey("heldAt"), started::toString);
    item("PIPELINE#payments-deploy", "EXEC#exec-after-freeze#RELEASE");
  }

  @Test
  void givenAFreezeThatDrops_thenTheReleaseIsRecordedDroppedWithTheReason_andNeverStarted() throws Exception {
    LocalLambda fn = frozenUntil(Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS), "drop");

    Invocation dropped = fn.invoke(Events.load("s3-object-created.json"));
    Invocation sweep = fn.invoke(Events.load("scheduled-freeze-sweep.json"));

    assertFalse(dropped.failed(), dropped::toString);
    assertTrue(dropped.bodyText().contains("\"outcome\":\"DROPPED\""), dropped::toString);
    assertTrue(dropped.bodyText().contains("\"reason\":\"dropped: payments-deploy is frozen by release-night "
        + "(Database migration) until "), dropped::toString);
    assertEquals("{\"released\":[],\"promoted\":[]}", sweep.bodyText());
    assertEquals("DROPPED", item(PK, SK).get("status").s());
    assertEquals(0, starts());
  }

  @Test
  void givenAnAdHocFreezeInTheTable_thenTheUploadIsHeld_andAnotherPipelineStartsAsUsual() throws Exception {
    LocalLambda fn = frozenUntil(Instant.parse("2020-01-01T00:00:00Z"), "hold");   // the configured one is long over
    Instant now = Instant.now();
    new DynamoFreezeStore(stack.dynamo(), table, Optional.empty()).put(new AdHocFreeze("payments-deploy",
        "incident 4711", "U0ALICE", now.minusSeconds(60), now.plusSeconds(3600)));

    Invocation held = fn.invoke(Events.load("s3-object-created.json"));
    Invocation other = fn.invoke(Events.load("s3-object-created-multipart.json"));

    assertTrue(held.bodyText().contains("\"outcome\":\"HELD\""), held::toString);
    assertEquals("ad hoc by U0ALICE (incident 4711)", item(PK, SK).get("heldBy").s());
    assertTrue(other.bodyText().contains("\"outcome\":\"STARTED\""), other::toString);
    assertEquals(1, starts());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/"))
        .withRequestBody(matchingJsonPath("$.name", equalTo("ledger-deploy"))));
  }

  private static int starts() {
    return stack.wiremock().findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START)))
        .size();
  }

  private Map<String, AttributeValue> item(String pk, String sk) {
    Map<String, AttributeValue> item = stack.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    assertTrue(item != null && !item.isEmpty(), "no item " + pk + " / " + sk);
    return item;
  }
}
