package dev.baton.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.alerts.Alert;
import dev.baton.core.alerts.AlertKind;
import dev.baton.core.alerts.Claim;
import dev.baton.core.alerts.Delivery;
import dev.baton.core.alerts.ExecutionStatus;
import dev.baton.core.alerts.FailedAction;
import dev.baton.core.alerts.Notice;
import dev.baton.core.alerts.NoticeKey;
import dev.baton.core.alerts.NoticeState;
import dev.baton.core.alerts.PreviousOutcome;
import dev.baton.core.alerts.Provenance;
import dev.baton.core.alerts.Receipt;
import dev.baton.core.alerts.SlackThread;
import dev.baton.core.alerts.Target;
import dev.baton.core.alerts.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Alerting's items on dynalite: the conditional writes that make alerts happen once. */
class DynamoAlertStoreTest {
  @RegisterExtension
  static final LocalDynamo dynamo = new LocalDynamo();
  private DynamoAlertStore store;
  private String table;

  private final Instant t0 = Instant.parse("2026-11-20T10:09:51Z");
  private final Target sns = Target.sns("arn:aws:sns:eu-west-1:123456789012:baton-alerts");
  private final Target slack = Target.slack("#payments-releases");
  private final NoticeKey main = NoticeKey.main("payments-deploy", "exec-1", 1);

  @BeforeEach
  void freshTable() {
    table = dynamo.newTable();
    store = new DynamoAlertStore(dynamo.client(), table, Optional.of(Duration.ofDays(30)));
  }

  static Alert alert(String executionId, int attempt) {
    return new Alert(AlertKind.FAILED, "payments-deploy", executionId, attempt, "123456789012", "eu-west-1",
        Optional.empty(), Optional.of("Build"), List.of(new FailedAction("Build", "Build", Optional.of("CodeBuild"),
            Optional.of("Build"), Optional.of("Build terminated with state: FAILED"), Optional.of("JobFailed"),
            Optional.of("https://console.aws.amazon.com/codebuild/home?region=eu-west-1#/builds/b:1/view/new"),
            Optional.of("b:1"))),
        Optional.of(new Provenance.Commit("9fceb02d0ae598e95dc970b74767f19372d61af8", Optional.of("Retry"),
            Optional.of("Mary Major"), Optional.of("main"), Optional.empty(), Optional.of("acme/payments"),
            Optional.empty())),
        Optional.of(new Trigger("WebhookV2", Optional.of("arn:aws:codestar-connections:x"))),
        Optional.of(Instant.parse("2026-11-20T10:02:10.377Z")), Instant.parse("2026-11-20T10:09:51Z"),
        Optional.empty(), Optional.empty());
  }

  private Notice notice() {
    return new Notice(main, alert("exec-1", 1), Optional.empty(), List.of(sns, slack), Optional.empty(), t0);
  }

  @Test
  void givenNoNotice_whenCreatedTwice_thenTheSecondGetsTheFirstBackIntact() {
    assertTrue(store.createNotice(notice()).isEmpty());

    Optional<Notice> second = store.createNotice(new Notice(main, alert("exec-1", 1), Optional.empty(),
        List.of(slack), Optional.empty(), t0.plusSeconds(5)));

    assertTrue(second.isPresent());
    assertEquals(notice(), second.get());
    assertEquals(notice(), store.load(main).orElseThrow().notice());
  }

  @Test
  void givenANotice_whenLoaded_thenItsDeliveriesComeWithItButNotThoseOfOtherNotices() {
    store.createNotice(notice());
    NoticeKey other = NoticeKey.action("payments-deploy", "exec-1", 1, "Build", "Build2");
    store.createNotice(new Notice(other, alert("exec-1", 1), Optional.of(alert("exec-1", 1).failedActions().get(0)),
        List.of(slack), Optional.empty(), t0));
    store.claim(main, sns, t0, t0.plusSeconds(60));
    store.claim(other, slack, t0, t0.plusSeconds(60));

    NoticeState loaded = store.load(main).orElseThrow();

    assertEquals(List.of(sns.id()), List.copyOf(loaded.deliveries().keySet()));
    assertEquals(Delivery.Status.SENDING, loaded.delivery(sns).orElseThrow().status());
    assertEquals(Optional.of(alert("exec-1", 1).failedActions().get(0)),
        store.load(other).orElseThrow().notice().action());
  }

  @Test
  void givenADeliveryBeingSent_whenClaimedAgainBeforeTheLeaseEnds_thenRefused_andAfterItEnds_thenTakenOver() {
    store.createNotice(notice());
    Claim first = store.claim(main, sns, t0, t0.plusSeconds(60));

    Claim during = store.claim(main, sns, t0.plusSeconds(30), t0.plusSeconds(90));
    Claim after = store.claim(main, sns, t0.plusSeconds(61), t0.plusSeconds(121));

    assertTrue(first.ours());
    assertEquals(1, first.delivery().attempts());
    assertFalse(during.ours());
    assertEquals(Delivery.Status.SENDING, during.delivery().status());
    assertTrue(after.ours());
    assertEquals(2, after.delivery().attempts());
  }

  @Test
  void givenASentDelivery_thenNoClaimIsGranted_andTheReceiptIsLogged() {
    store.createNotice(notice());
    store.claim(main, slack, t0, t0.plusSeconds(60));
    store.delivered(main, slack, Receipt.slack("C0PAYMENTS", "1763633391.000100"), t0.plusSeconds(1));

    Claim again = store.claim(main, slack, t0.plus(Duration.ofDays(1)), t0.plus(Duration.ofDays(1)).plusSeconds(60));

    assertFalse(again.ours());
    assertEquals(Delivery.Status.SENT, again.delivery().status());
    assertEquals(Optional.of(Receipt.slack("C0PAYMENTS", "1763633391.000100")), again.delivery().receipt());
    Map<String, AttributeValue> item = dynamo.client().getItem(b -> b.tableName(table).key(Map.of(
        "pk", AttributeValue.fromS("PIPELINE#payments-deploy"),
        "sk", AttributeValue.fromS("ALERT#exec-1#1#MAIN#TO#slack:#payments-releases")))).item();
    assertEquals("alert-delivery", item.get("type").s());
    assertEquals("2026-11-20T10:09:52Z", item.get("sentAt").s());
    assertEquals(String.valueOf(t0.plus(Duration.ofDays(30)).getEpochSecond()), item.get("expiresAt").n());
    assertFalse(item.containsKey("leaseUntil"));
  }

  @Test
  void givenAFailedDelivery_thenTheNextClaimTakesItAtOnce_butARejectedOneIsNeverClaimedAgain() {
    store.createNotice(notice());
    store.claim(main, sns, t0, t0.plusSeconds(60));
    store.claim(main, slack, t0, t0.plusSeconds(60));
    store.failed(main, sns, "Throttling: Rate exceeded", false, t0.plusSeconds(1));
    store.failed(main, slack, "channel_not_found: no such channel", true, t0.plusSeconds(1));

    Claim retry = store.claim(main, sns, t0.plusSeconds(2), t0.plusSeconds(62));
    Claim rejected = store.claim(main, slack, t0.plusSeconds(2), t0.plusSeconds(62));

    assertTrue(retry.ours());
    assertFalse(rejected.ours());
    assertEquals(Delivery.Status.REJECTED, rejected.delivery().status());
    assertEquals(Optional.of("channel_not_found: no such channel"), rejected.delivery().lastError());
  }

  @Test
  void givenAFinalState_thenItIsRecordedOnAnExistingNoticeOnly() {
    store.recordFinalState(main, "FAILED");
    assertTrue(store.load(main).isEmpty());

    store.createNotice(notice());
    store.recordFinalState(main, "FAILED");

    assertEquals(Optional.of("FAILED"), store.load(main).orElseThrow().notice().finalState());
    assertEquals(Optional.of("FAILED"), store.load(main).orElseThrow().notice().current().state());
  }

  @Test
  void givenOutcomes_thenEachReportsThePreviousOne_andARedeliveryReportsTheSame_andAStaleOneNothing() {
    PreviousOutcome first = store.recordOutcome("payments-deploy", "exec-1", 1, "FAILED", t0);
    PreviousOutcome second = store.recordOutcome("payments-deploy", "exec-2", 1, "SUCCEEDED", t0.plusSeconds(600));
    PreviousOutcome again = store.recordOutcome("payments-deploy", "exec-2", 1, "SUCCEEDED", t0.plusSeconds(600));
    PreviousOutcome stale = store.recordOutcome("payments-deploy", "exec-0", 1, "SUCCEEDED", t0.minusSeconds(600));

    assertEquals(new PreviousOutcome(Optional.empty(), Optional.empty(), 0, false), first);
    assertEquals(new PreviousOutcome(Optional.of("FAILED"), Optional.of("exec-1"), 1, false), second);
    assertTrue(second.failed());
    assertEquals(second, again);
    assertTrue(stale.stale());
    assertFalse(stale.failed());
  }

  @Test
  void givenARetriedAttempt_thenItsOutcomeFollowsTheFailedFirstAttemptOfTheSameExecution() {
    store.recordOutcome("payments-deploy", "exec-1", 1, "FAILED", t0);

    PreviousOutcome retried = store.recordOutcome("payments-deploy", "exec-1", 2, "SUCCEEDED", t0.plusSeconds(300));

    assertEquals(new PreviousOutcome(Optional.of("FAILED"), Optional.of("exec-1"), 1, false), retried);
  }

  @Test
  void givenAThread_thenTheFirstSavedWins_andItsRenderedStatusOnlyMovesFromWhatWasRead() {
    SlackThread t = new SlackThread("payments-deploy", "exec-1", "#payments-releases", "C0PAYMENTS",
        "1763633391.000100", alert("exec-1", 1), new ExecutionStatus(1, Optional.empty()));
    store.saveThread(t);
    SlackThread other = store.saveThread(new SlackThread("payments-deploy", "exec-1", "#payments-releases", "C0X",
        "9.9", alert("exec-1", 1), new ExecutionStatus(1, Optional.empty())));

    assertEquals(t, other);
    assertTrue(store.threadRendered(t, new ExecutionStatus(1, Optional.of("FAILED"))));
    assertFalse(store.threadRendered(t, new ExecutionStatus(2, Optional.of("SUCCEEDED"))), "read status is stale");
    assertEquals(new ExecutionStatus(1, Optional.of("FAILED")),
        store.findThread("payments-deploy", "exec-1", "#payments-releases").orElseThrow().rendered());
  }

  @Test
  void givenAReleaseLink_thenTheUploadIsTheProvenance() {
    dynamo.client().putItem(b -> b.tableName(table).item(Map.of(
        "pk", AttributeValue.fromS("PIPELINE#payments-deploy"), "sk", AttributeValue.fromS("EXEC#exec-1#RELEASE"),
        "bucket", AttributeValue.fromS("acme-releases"),
        "key", AttributeValue.fromS("releases/payments/1.4.2/payments-1.4.2.zip"),
        "versionId", AttributeValue.fromS("v1"), "rule", AttributeValue.fromS("service-releases"))));

    assertEquals(Optional.of(new Provenance.S3Upload("acme-releases", "releases/payments/1.4.2/payments-1.4.2.zip",
        Optional.of("v1"), Optional.of("service-releases"))), store.releaseOf("payments-deploy", "exec-1"));
    assertEquals(Optional.empty(), store.releaseOf("payments-deploy", "exec-2"));
  }
}
