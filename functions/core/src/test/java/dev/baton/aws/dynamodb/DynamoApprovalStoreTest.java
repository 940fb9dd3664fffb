package dev.baton.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalClaim;
import dev.baton.core.approval.ApprovalTransition;
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

    List<CompletableFuture<ApprovalTransition>> racers = IntStream.range(0, 10).mapToObj(i ->
        CompletableFuture.supplyAsync(() -> store.decide(claim(), new Decision(i % 2 == 0,
            new SlackUser("U0USER" + i, "user" + i), "releases", t0.plusSeconds(i), Optional.empty()), List.of())))
        .toList();

    List<ApprovalTransition> results = racers.stream().map(CompletableFuture::join).toList();
    assertEquals(1, results.stream().filter(ApprovalTransition::done).count());
    Approval stored = store.find(request.id()).orElseThrow();
    assertTrue(stored.status().deciding());
    assertEquals(Optional.of(stored), results.stream().filter(ApprovalTransition::done).findFirst().orElseThrow()
        .approval(), "the winner gets the approval as decided, without a read");
    String winner = stored.decision().orElseThrow().by().id();
    assertTrue(results.stream().filter(r -> !r.done()).allMatch(r -> r.approval().orElseThrow().decision()
        .orElseThrow().by().id().equals(winner)), "every loser is told who won");
  }

  @Test
  void givenAFinishedApproval_thenNothingMovesItBackAndTheHistoryLinkIsWritten() {
    store.create(pending(), t0.plusSeconds(60));
    store.decide(claim(), new Decision(false, new SlackUser("U0ALICE", "alice"), "releases", t0.plusSeconds(5),
        Optional.of("canary errors")), List.of());

    assertTrue(store.finish(request.id(), EnumSet.of(ApprovalStatus.APPROVING, ApprovalStatus.REJECTING),
        ApprovalStatus.REJECTED, Optional.empty(), t0.plusSeconds(6), true));
    assertFalse(store.finish(request.id(), EnumSet.of(ApprovalStatus.PENDING), ApprovalStatus.APPROVED_ELSEWHERE,
        Optional.of("console"), t0.plusSeconds(7)));
    assertFalse(store.decide(claim(), new Decision(true, new SlackUser("U0BOB", "bob"), "releases",
        t0.plusSeconds(8), Optional.empty()), List.of()).done());

    Approval a = store.find(request.id()).orElseThrow();
    assertEquals(ApprovalStatus.REJECTED, a.status());
    assertEquals(Optional.of(ApprovalStatus.REJECTED), a.messageShows(), "recorded with the outcome");
    store.link(a, a.status(), t0.plusSeconds(9));
    assertEquals(Optional.of("canary errors"), a.decision().flatMap(Decision::reason));
    assertEquals(1, store.forAction("payments-deploy", "Approve", "ProductionGate", 10).size());
    var link = dynamo.client().getItem(b -> b.tableName(table).key(java.util.Map.of(
        "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PIPELINE#payments-deploy"),
        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
            "EXEC#exec-1#APPROVAL#Approve#ProductionGate")))).item();
    assertEquals("REJECTED", link.get("status").s());
    assertEquals("Rejected in Slack by alice (U0ALICE) in #releases: canary errors", link.get("summary").s());
    assertEquals(t0.plusSeconds(6).toString(), link.get("completedAt").s());
  }

  @Test
  void givenAClaimThatIsNotTheApproval_thenNothingIsDecidedAndTheApprovalComesBack() {
    store.create(pending(), t0.plusSeconds(60));
    Decision d = new Decision(true, new SlackUser("U0ALICE", "alice"), "releases", t0, Optional.empty());

    List<ApprovalClaim> wrong = List.of(
        new ApprovalClaim(request.id(), "ledger-deploy", "Approve", "ProductionGate", request.expires()),
        new ApprovalClaim(request.id(), "payments-deploy", "Staging", "ProductionGate", request.expires()),
        new ApprovalClaim(request.id(), "payments-deploy", "Approve", "QA", request.expires()),
        new ApprovalClaim(request.id(), "payments-deploy", "Approve", "ProductionGate", Optional.empty()),
        new ApprovalClaim(request.id(), "payments-deploy", "Approve", "ProductionGate",
            Optional.of(t0.plus(Duration.ofDays(30)))));
    for (ApprovalClaim c : wrong) {
      ApprovalTransition t = store.decide(c, d, List.of());
      assertFalse(t.done(), c::toString);
      assertEquals(Optional.of(pending()), t.approval(), c::toString);
    }

    ApprovalClaim unknown = new ApprovalClaim("apv-00000000000000000000000000000000", "payments-deploy", "Approve",
        "ProductionGate", request.expires());
    assertEquals(ApprovalTransition.refused(Optional.empty()), store.decide(unknown, d, List.of()));
    assertEquals(ApprovalTransition.refused(Optional.empty()), store.expire(unknown, "late", t0));
    assertEquals(ApprovalStatus.PENDING, store.find(request.id()).orElseThrow().status());
    assertEquals(Optional.empty(), store.find(unknown.id()), "a refused update creates no item");
  }

  @Test
  void givenTheStarterRule_thenTheDecisionHoldsOnlyForARecordedStarterThatIsNotTheDecider() {
    store.create(Approval.pending(request, t0, Optional.of("exec-1"), Optional.empty()), t0.plusSeconds(60));
    Decision d = new Decision(true, new SlackUser("U0BOB", "bob"), "releases", t0, Optional.empty());
    List<String> bob = List.of("arn:aws:sts::123456789012:assumed-role/Deployers/bob",
        "arn:aws:iam::123456789012:user/bob*");

    assertFalse(store.decide(claim(), d, bob).done(), "no starter recorded: fails closed");
    store.recordStarter(request.id(), "exec-1", "arn:aws:iam::123456789012:user/bob.smith");
    assertFalse(store.decide(claim(), d, bob).done(), "a prefix identity matches");
    assertEquals(ApprovalStatus.PENDING, store.find(request.id()).orElseThrow().status());

    assertTrue(store.decide(claim(), d, List.of("arn:aws:sts::123456789012:assumed-role/Deployers/carol")).done());
  }

  @Test
  void givenAnExpiredApproval_thenOneWriteMarksItAndReturnsIt() {
    store.create(pending(), t0.plusSeconds(60));

    ApprovalTransition t = store.expire(claim(), "Expired: nobody decided.", t0.plusSeconds(5));

    assertTrue(t.done());
    assertEquals(ApprovalStatus.EXPIRED, t.approval().orElseThrow().status());
    assertEquals(Optional.of("Expired: nobody decided."), t.approval().orElseThrow().outcome());
    assertEquals(t.approval(), store.find(request.id()));
    assertFalse(store.expire(claim(), "again", t0.plusSeconds(6)).done());
  }

  private ApprovalClaim claim() {
    return ApprovalClaim.of(pending());
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
