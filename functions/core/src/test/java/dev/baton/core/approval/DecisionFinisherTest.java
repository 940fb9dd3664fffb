package dev.baton.core.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.slack.CapturedLog;
import dev.baton.slack.approval.ApprovalRig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GIVEN a decision recorded in Slack (APPROVING), with its real adapters (DynamoDB on dynalite, CodePipeline and
 * Slack on WireMock) and a clock the test moves
 * WHEN it is finished within Slack's budget, or handed off
 * THEN CodePipeline and the message get it exactly once, in time or later, and nothing is lost when the hand-off
 *   itself fails.
 */
class DecisionFinisherTest {
  private static final Duration BUDGET = Duration.ofMillis(2000);
  private static final long START = 5_000_000_000L;
  private static final ApprovalRig rig = new ApprovalRig();
  private final List<String> handOffs = rig.handOffs;
  private Approval approval;

  @BeforeEach
  void decided() {
    rig.reset();
    approval = rig.pending(Optional.of(Instant.now().plusSeconds(3600)), Optional.empty());
    ApprovalTransition decided = rig.store.decide(ApprovalClaim.of(approval), new Decision(true,
        new SlackUser("U0ALICE", "alice"), "releases", Instant.now(), Optional.empty()), List.of());
    assertTrue(decided.done());
    approval = decided.approval().orElseThrow();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  /** A clock that reads these milliseconds since the request started, one per reading, then the last forever. */
  private static LongSupplier elapsed(long... ms) {
    Deque<Long> readings = new ArrayDeque<>();
    for (long m : ms) {
      readings.add(START + m * 1_000_000);
    }
    return () -> readings.size() > 1 ? readings.poll() : readings.peek();
  }

  @Test
  void givenTimeLeft_thenPutApprovalResultAndTheMessageNowAndNoHandOff() {
    Approval now = rig.finisher(BUDGET, elapsed(100, 400)).finishWithin(approval, START, rig.handOff());

    assertEquals("APPROVED", status());
    assertEquals(ApprovalStatus.APPROVED, now.status(), "returned as it ended, as stored: nothing to read again");
    assertEquals(rig.store.find(approval.id()).orElseThrow().completedAt(), now.completedAt());
    assertEquals(1, rig.cpCalls("PutApprovalResult"));
    assertEquals(1, rig.slackCalls("chat.update"));
    assertEquals(List.of(), handOffs);
  }

  @Test
  void givenHalfTheBudgetSpent_thenAllOfItIsHandedOffAndTheHandOffFinishesIt() {
    DecisionFinisher finisher = rig.finisher(BUDGET, elapsed(1000));

    Approval now = finisher.finishWithin(approval, START, rig.handOff());

    assertEquals("APPROVING", status());
    assertEquals(ApprovalStatus.APPROVING, now.status(), "returned as it stands: still deciding");
    assertEquals(0, rig.outboundCalls());
    assertEquals(List.of(approval.id()), handOffs);

    finisher.finish(approval.id());

    assertEquals("APPROVED", status());
    assertEquals(1, rig.cpCalls("PutApprovalResult"));
    assertEquals(1, rig.slackCalls("chat.update"));
  }

  @Test
  void givenThreeQuartersSpentAfterPutApprovalResult_thenOnlyTheMessageIsHandedOff() {
    DecisionFinisher finisher = rig.finisher(BUDGET, elapsed(100, 1500));

    finisher.finishWithin(approval, START, rig.handOff());

    assertEquals("APPROVED", status());
    assertEquals(0, rig.slackCalls("chat.update"));
    assertEquals(List.of(approval.id()), handOffs);

    for (int delivery = 0; delivery < 3; delivery++) {
      finisher.finish(approval.id());
    }

    assertEquals(1, rig.cpCalls("PutApprovalResult"), "CodePipeline was told once");
    assertEquals(1, rig.slackCalls("chat.update"), "the message was updated once, in three deliveries");
  }

  @Test
  void givenCodePipelineThrottling_thenTheDecisionStaysAndIsHandedOff() {
    rig.wiremock.stubFor(ApprovalRig.cp("PutApprovalResult").willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));

    rig.finisher(BUDGET, elapsed(100)).finishWithin(approval, START, rig.handOff());

    assertEquals("APPROVING", status());
    assertEquals(List.of(approval.id()), handOffs);
    assertEquals(0, rig.slackCalls("chat.update"));
  }

  @Test
  void givenTheHandOffCannotBeQueued_thenItIsFinishedHereAndSaidSo() {
    try (CapturedLog log = CapturedLog.start()) {
      rig.finisher(BUDGET, elapsed(1500)).finishWithin(approval, START, id -> {
        throw new IllegalStateException("Lambda answered 429");
      });

      assertTrue(log.text().contains("hand-off failed; finishing here"), log.text());
    }
    assertEquals("APPROVED", status());
    assertEquals(1, rig.slackCalls("chat.update"));
  }

  @Test
  void givenAnApprovalAlreadyFinished_thenFinishingAgainCallsNothing() {
    DecisionFinisher finisher = rig.finisher(BUDGET, elapsed(100));
    finisher.finish(approval.id());
    rig.wiremock.resetRequests();

    finisher.finish(approval.id());
    finisher.finishWithin(rig.store.find(approval.id()).orElseThrow(), START, rig.handOff());

    assertEquals(0, rig.outboundCalls());
    assertEquals(List.of(), handOffs);
  }

  private String status() {
    return rig.store.find(approval.id()).orElseThrow().status().name();
  }
}
