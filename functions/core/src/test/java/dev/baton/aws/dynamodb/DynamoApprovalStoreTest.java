package dev.baton.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.ApprovalStatus;
import dev.baton.core.approval.Decision;
import dev.baton.core.approval.SlackUser;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The approval store against dynalite: every transition once, nothing backwards. */
class DynamoApprovalStoreTest {
  @RegisterExtension
  static final LocalDynamo dynamo = new LocalDynamo();
  private DynamoApprovalStore store;
  private String table;
  private final Instant t0 = Instant.parse("2026-11-20T13:12:41Z");
  private final ApprovalRequest request = new ApprovalRequest("eu-west-1", "payments-deploy", "Approve",
      "ProductionGate", "token-1", Optional.of(Instant.parse("2026-11-27T13:12:00Z")), Optional.of("check"),
      Optional.empty(), Optional.empty(), Optional.empty());

  @BeforeEach
  void freshTable() {
    table = dynamo.newTable();
    store = new DynamoApprovalStore(dynamo.client(), table, Optional.of(Duration.ofDays(30)));
  }

  private Approval pending() {
    return Approval.pending(request, t0, Optional.of("exec-1"), Optional.empty());
  }

  @Test
  void givenACreatedApproval_thenASecondCreateReturnsItAndItRoundTrips() {
    assertTrue(store.create(pending(), t0.plusSeconds(60)).isEmpty());

    Optional<Approval> again = store.create(pending(), t0.plusSeconds(99));

    assertEquals(Optional.of(pending()), again);
    assertEquals(Optional.of(pending()), store.find(request.id()));
  }

  @Test
  void givenALivePostingLease_thenNoTakeOver_andAfterItRunsOutOneTakerWins() {
    store.create(pending(), t0.plusSeconds(60));

    assertFalse(store.takeOverPosting(request.id(), t0.plusSeconds(30), t0.plusSeconds(90)));
    assertTrue(store.takeOverPosting(request.id(), t0.plusSeconds(61), t0.plusSeconds(121)));
    assertFalse(store.takeOverPosting(request.id(), t0.plusSeconds(62), t0.plusSeconds(122)));
    store.recordMessage(request.id(), "C1", "1.1");
    store.releasePosting(request.id());
    assertFalse(store.takeOverPosting(request.id(), t0.plusSeconds(999), t0.plusSeconds(1999)),
        "a posted approval is never posted again");
  }

  @Test
  void givenTenDecisionsAtOnce_thenExactlyOneWinsAndTheOthersSeeIt() throws Exception {
    store.create(pending(), t0.plusSeconds(60));

    List<CompletableFuture<Optional<Approval>>> racers = IntStream.range(0, 10).mapToObj(i ->
        CompletableFuture.supplyAsync(() -> store.decide(request.id(), new Decision(i % 2 == 0,
            new SlackUser("U0USER" + i, "user" + i), "releases", t0.plusSeconds(i), Optional.empty())))).toList();

    List<Optional<Approval>> results = racers.stream().map(CompletableFuture::join).toList();
    assertEquals(1, results.stream().filter(Optional::isEmpty).count());
    Approval stored = store.find(request.id()).orElseThrow();
    assertTrue(stored.status().deciding());
    String winner = stored.decision().orElseThrow().by().id();
    assertTrue(results.stream().flatMap(Optional::stream).allMatch(a -> a.decision().orElseThrow().by().id()
        .equals(winner)), "every loser is told who won");
  }

  @Test
  void givenAFinishedApproval_thenNothingMovesItBackAndTheHistoryLinkIsWritten() {
    store.create(pending(), t0.plusSeconds(60));
    store.decide(request.id(), new Decision(false, new SlackUser("U0ALICE", "alice"), "releases", t0.plusSeconds(5),
        Optional.of("canary errors")));

    assertTrue(store.finish(request.id(), EnumSet.of(ApprovalStatus.APPROVING, ApprovalStatus.REJECTING),
        ApprovalStatus.REJECTED, Optional.empty(), t0.plusSeconds(6)));
    assertFalse(store.finish(request.id(), EnumSet.of(ApprovalStatus.PENDING), ApprovalStatus.APPROVED_ELSEWHERE,
        Optional.of("console"), t0.plusSeconds(7)));
    assertTrue(store.decide(request.id(), new Decision(true, new SlackUser("U0BOB", "bob"), "releases",
        t0.plusSeconds(8), Optional.empty())).isPresent());

    Approval a = store.find(request.id()).orElseThrow();
    assertEquals(ApprovalStatus.REJECTED, a.status());
    assertEquals(Optional.of("canary errors"), a.decision().flatMap(Decision::reason));
    assertEquals(1, store.forAction("payments-deploy", "Approve", "ProductionGate", 10).size());
    var link = dynamo.client().getItem(b -> b.tableName(table).key(java.util.Map.of(
        "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PIPELINE#payments-deploy"),
        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
            "EXEC#exec-1#APPROVAL#Approve#ProductionGate")))).item();
    assertEquals("REJECTED", link.get("status").s());
    assertEquals("Rejected in Slack by alice (U0ALICE) in #releases: canary errors", link.get("summary").s());
  }

  @Test
  void givenAStarterLookedUp_thenItIsRecordedOnceAndTheExecutionKept() {
    store.create(Approval.pending(request, t0, Optional.empty(), Optional.empty()), t0.plusSeconds(60));

    assertTrue(store.recordStarter(request.id(), "exec-9", "arn:aws:iam::123456789012:user/bob"));
    assertFalse(store.recordStarter(request.id(), "exec-8", "arn:aws:iam::123456789012:user/eve"), "only once");
    assertFalse(store.recordStarter("apv-00000000000000000000000000000000", "exec-1", "x"), "no such approval");

    Approval a = store.find(request.id()).orElseThrow();
    assertEquals(Optional.of("arn:aws:iam::123456789012:user/bob"), a.startedBy());
    assertEquals(Optional.of("exec-9"), a.executionId());
    ApprovalRequest second = new ApprovalRequest("eu-west-1", "payments-deploy", "Approve", "ProductionGate",
        "token-2", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    store.create(Approval.pending(second, t0, Optional.of("exec-2"), Optional.empty()), t0);
    store.recordStarter(second.id(), "exec-3", "someone");
    assertEquals(Optional.of("exec-2"), store.find(second.id()).orElseThrow().executionId(),
        "a recorded execution stays");
  }

  @Test
  void givenTheMessageShown_thenItIsRecordedOnlyForTheStatusTheApprovalHas() {
    store.create(pending(), t0.plusSeconds(60));
    store.recordMessage(request.id(), "C1", "1.1");
    assertFalse(store.find(request.id()).orElseThrow().messageBehind(), "as posted: PENDING");
    store.finish(request.id(), EnumSet.of(ApprovalStatus.PENDING), ApprovalStatus.EXPIRED, Optional.of("late"), t0);
    assertTrue(store.find(request.id()).orElseThrow().messageBehind());

    assertFalse(store.recordMessageShown(request.id(), ApprovalStatus.PENDING), "not what the approval is now");
    assertTrue(store.recordMessageShown(request.id(), ApprovalStatus.EXPIRED));

    Approval a = store.find(request.id()).orElseThrow();
    assertEquals(Optional.of(ApprovalStatus.EXPIRED), a.messageShows());
    assertFalse(a.messageBehind());
  }
}
