package dev.baton.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.release.ReleaseRecord;
import dev.baton.core.release.ReleaseStatus;
import dev.baton.core.release.Released;
import dev.baton.core.release.Requester;
import dev.baton.core.release.S3Object;
import dev.baton.core.release.SourceRevision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoReleaseStoreTest {
  @RegisterExtension
  static final LocalDynamo dynamo = new LocalDynamo();
  private DynamoReleaseStore store;
  private String table;

  private final Instant t0 = Instant.parse("2026-11-20T09:14:03Z");
  private final S3Object object = new S3Object("acme-releases", "releases/payments/1.4.2/p.zip", Optional.of("v1"),
      "etag", "seq", 42, "PutObject");

  @BeforeEach
  void freshTable() {
    table = dynamo.newTable();
    store = new DynamoReleaseStore(dynamo.client(), table, Optional.of(Duration.ofDays(30)));
  }

  private ReleaseRecord starting(Instant leaseUntil) {
    return new ReleaseRecord(object, "rule", "payments-deploy", Map.of("VERSION", "1.4.2"),
        Optional.of(new SourceRevision("Source", SourceRevision.Type.S3_OBJECT_VERSION_ID, "v1")), "baton-token",
        ReleaseStatus.STARTING, t0, Optional.empty(), Optional.empty(), Optional.empty(), leaseUntil, 1, Optional.empty());
  }

  @Test
  void givenNoRecord_whenClaimed_thenStoredAndASecondClaimSeesTheFirst() {
    assertTrue(store.claim(starting(t0.plusSeconds(60))).isEmpty());

    Optional<ReleaseRecord> second = store.claim(starting(t0.plusSeconds(99)));

    assertTrue(second.isPresent());
    assertEquals(starting(t0.plusSeconds(60)), second.get());
  }

  @Test
  void givenAClaim_whenStarted_thenStatusExecutionLinkAndTtlAreStored() {
    store.claim(starting(t0.plusSeconds(60)));

    store.markStarted(starting(t0.plusSeconds(60)), "exec-1", t0.plusSeconds(1));

    ReleaseRecord r = store.find(object).orElseThrow();
    assertEquals(ReleaseStatus.STARTED, r.status());
    assertEquals(Optional.of("exec-1"), r.executionId());
    assertEquals(Optional.of(t0.plusSeconds(1)), r.completedAt());
    Map<String, AttributeValue> link = dynamo.client().getItem(b -> b.tableName(table).key(Map.of(
        "pk", AttributeValue.fromS("PIPELINE#payments-deploy"),
        "sk", AttributeValue.fromS("EXEC#exec-1#RELEASE")))).item();
    assertEquals("releases/payments/1.4.2/p.zip", link.get("key").s());
    assertEquals(String.valueOf(t0.plus(Duration.ofDays(30)).getEpochSecond()),
        dynamo.client().getItem(b -> b.tableName(table).key(DynamoReleaseStore.key(object))).item().get("expiresAt").n());
  }

  @Test
  void givenAFinishedRelease_thenNoLaterWriteChangesIt() {
    store.claim(starting(t0.plusSeconds(60)));
    store.markFailed(object, "payments-deploy", "pipeline does not exist", t0.plusSeconds(1));

    store.markStarted(starting(t0), "exec-late", t0.plusSeconds(2));
    store.releaseLease(object, "late error");

    ReleaseRecord r = store.find(object).orElseThrow();
    assertEquals(ReleaseStatus.FAILED, r.status());
    assertEquals(Optional.of("pipeline does not exist"), r.reason());
    assertEquals(Optional.empty(), r.executionId());
  }

  @Test
  void givenALiveLease_thenTakeOverFails_andAfterItRunsOutExactlyOneTakerWins() {
    store.claim(starting(t0.plusSeconds(60)));

    assertFalse(store.takeOver(object, t0.plusSeconds(30), t0.plusSeconds(90)));
    assertTrue(store.takeOver(object, t0.plusSeconds(61), t0.plusSeconds(121)));
    assertFalse(store.takeOver(object, t0.plusSeconds(62), t0.plusSeconds(122)));
    assertEquals(2, store.find(object).orElseThrow().attempts());
  }

  @Test
  void givenATransientFailure_whenTheLeaseIsReleased_thenTheNextDeliveryMayTakeOverAtOnce() {
    store.claim(starting(t0.plusSeconds(60)));

    store.releaseLease(object, "ThrottlingException: Rate exceeded");

    assertTrue(store.takeOver(object, t0.plusSeconds(1), t0.plusSeconds(61)));
  }

  @Test
  void givenAReleaseAskedForFromChat_thenItsOwnRecordBesideTheUpload_claimedOnce_listedNewestFirst_withWhoAsked() {
    ReleaseRecord upload = starting(t0.plusSeconds(60));
    store.claim(upload);
    store.markStarted(upload, "exec-1", t0.plusSeconds(1));
    Requester alice = new Requester("U0ALICE", Optional.of("alice"));
    ReleaseRecord again = new ReleaseRecord(object, "rule", "payments-deploy", Map.of("VERSION", "1.4.2"),
        upload.sourceRevision(), "baton-again", ReleaseStatus.STARTING, t0.plusSeconds(600), Optional.empty(),
        Optional.empty(), Optional.empty(), t0.plusSeconds(660), 1, Optional.empty());

    assertTrue(store.claimRequest("req1", again, alice).isEmpty());
    Released second = store.claimRequest("req1", again, alice).orElseThrow();
    assertEquals(new Released("REQUEST#req1", again, Optional.of(alice)), second);
    assertFalse(store.takeOverRequest("req1", again, t0.plusSeconds(601), t0.plusSeconds(700)), "lease not over");
    assertTrue(store.takeOverRequest("req1", again, t0.plusSeconds(660), t0.plusSeconds(720)), "lease over");

    store.markRequestStarted("req1", again, alice, "exec-2", t0.plusSeconds(661));
    store.markRequestFailed("req1", again, "late", t0.plusSeconds(662));

    List<Released> listed = store.released("payments-deploy", 10);
    assertEquals(List.of("REQUEST#req1", "UPLOAD#v:v1"), listed.stream().map(Released::ref).toList());
    assertEquals(ReleaseStatus.STARTED, listed.getFirst().record().status(), "a finished request stays as it ended");
    assertEquals(Optional.of("exec-2"), listed.getFirst().record().executionId());
    assertEquals(Optional.of(alice), listed.getFirst().requestedBy());
    assertEquals(Optional.empty(), listed.get(1).requestedBy());
    assertEquals(List.of("REQUEST#req1"), store.released("payments-deploy", 1).stream().map(Released::ref).toList());
    assertEquals(Optional.of(listed.get(1)), store.find(object.bucket(), object.key(), "UPLOAD#v:v1"));
    assertEquals(Optional.empty(), store.find(object.bucket(), object.key(), "UPLOAD#v:nope"));
    assertEquals(ReleaseStatus.STARTED, store.find(object).orElseThrow().status(), "the upload's record as it was");
    Map<String, AttributeValue> link = dynamo.client().getItem(b -> b.tableName(table).key(Map.of(
        "pk", AttributeValue.fromS("PIPELINE#payments-deploy"),
        "sk", AttributeValue.fromS("EXEC#exec-2#RELEASE")))).item();
    assertEquals("U0ALICE", link.get("requestedBy").s());
    assertEquals("alice", link.get("requestedByName").s());
    assertEquals("REQUEST#req1", link.get("releaseSk").s());
  }
}
