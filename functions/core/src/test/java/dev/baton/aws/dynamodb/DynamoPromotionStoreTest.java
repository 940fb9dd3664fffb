package dev.baton.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.history.ChangeOrigin;
import dev.baton.core.history.ExecutionDetail;
import dev.baton.core.history.PromotionLink;
import dev.baton.core.json.Json;
import dev.baton.core.promotion.PromotionKey;
import dev.baton.core.promotion.PromotionPlan;
import dev.baton.core.promotion.PromotionRecord;
import dev.baton.core.promotion.Promotions;
import dev.baton.core.promotion.SourceArtifact;
import dev.baton.core.promotion.SourceExecution;
import dev.baton.core.release.ReleaseHold;
import dev.baton.core.release.ReleaseStatus;
import dev.baton.core.release.SourceRevision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Promotion records on dynalite: one claim per source execution and target, the held list, and the link item the
 * history reads back ({@code ./baton history show} and {@code ./baton dora}).
 */
class DynamoPromotionStoreTest {
  @RegisterExtension
  static final LocalDynamo dynamo = new LocalDynamo();
  private static final Instant NOW = Instant.parse("2026-11-20T09:31:48.117Z");
  private static final ChangeOrigin UPLOAD = new ChangeOrigin(ChangeOrigin.Kind.UPLOAD,
      Instant.parse("2026-11-20T09:14:04.312Z"), "s3://acme-releases/releases/payments/1.4.2/payments-1.4.2.zip");

  private String table;
  private DynamoPromotionStore store;
  private PromotionPlan plan;

  @BeforeEach
  void fresh() throws Exception {
    table = dynamo.newTable();
    store = new DynamoPromotionStore(dynamo.client(), table, Optional.empty());
    SourceExecution source = new SourceExecution("payments-deploy", "exec-1", NOW, Optional.of("service-releases"),
        Optional.empty(), Optional.of("main"), List.of(new SourceArtifact(Optional.empty(),
            SourceRevision.Type.S3_OBJECT_VERSION_ID, "v-42", Optional.of("releases/payments/1.4.2/payments.zip"))),
        Map.of("VERSION", "1.4.2"), UPLOAD);
    plan = Promotions.parse("test", Json.parseObject("""
        {"promotions": [{"name": "to-staging", "from": "payments-deploy", "to": "payments-staging",
          "sourceAction": "Source", "carryVariables": true}]}""")).rules().getFirst().plan(source);
  }

  private static PromotionRecord held(PromotionPlan plan) {
    return new PromotionRecord(plan, ReleaseStatus.HELD, NOW, Optional.empty(), Optional.empty(), Optional.empty(),
        NOW, 0, Optional.of(new ReleaseHold("release-night", NOW, NOW.plusSeconds(3600))));
  }

  @Test
  void givenTwoClaimsOfOnePromotion_thenTheSecondFindsTheFirstWithItsWholePlan() {
    assertEquals(Optional.empty(), store.claim(held(plan)));

    PromotionRecord found = store.claim(held(plan)).orElseThrow();

    assertEquals(plan, found.plan(), "the plan survives the round trip: revisions, variables, branch, change");
    assertEquals(ReleaseStatus.HELD, found.status());
    assertEquals(List.of(found), store.waiting());
  }

  @Test
  void givenAHeldPromotion_thenOneSweepOnlyReleasesIt_andOnceStartedItLeavesTheHeldList_andTheHistoryLinksIt() {
    store.claim(held(plan));

    assertTrue(store.releaseHold(plan.key(), NOW.plusSeconds(3601), NOW.plusSeconds(3661)));
    assertFalse(store.releaseHold(plan.key(), NOW.plusSeconds(3601), NOW.plusSeconds(3661)), "one sweep only");
    PromotionRecord starting = store.waiting().getFirst();
    store.markStarted(starting, "exec-staging-1", NOW.plusSeconds(3602));
    store.markFailed(plan.key(), "late", NOW.plusSeconds(3603));

    assertEquals(List.of(), store.waiting());
    PromotionRecord started = store.claim(held(plan)).orElseThrow();
    assertEquals(ReleaseStatus.STARTED, started.status(), "a finished promotion is never written again");
    assertEquals(Optional.of("exec-staging-1"), started.executionId());
    DynamoHistoryReader reader = new DynamoHistoryReader(dynamo.client(), table);
    ExecutionDetail detail = reader.detail("payments-staging", "exec-staging-1").orElseThrow();
    assertEquals(Optional.of(new PromotionLink("payments-deploy", "exec-1", "to-staging", NOW,
        List.of("S3_OBJECT_KEY=releases/payments/1.4.2/payments.zip", "S3_OBJECT_VERSION_ID=v-42"),
        Map.of("VERSION", "1.4.2"), Optional.of("main"), UPLOAD)), detail.promotion());
    assertEquals("promoted from payments-deploy exec-1", detail.promotion().get().describe());
    assertEquals(Map.of("exec-staging-1", UPLOAD), reader.promotedFrom("payments-staging",
        List.of("exec-staging-1", "exec-other")));
  }

  @Test
  void givenAStartingClaim_thenItIsTakenOverOnlyAfterItsLease() {
    PromotionRecord starting = new PromotionRecord(plan, ReleaseStatus.STARTING, NOW, Optional.empty(),
        Optional.empty(), Optional.empty(), NOW.plusSeconds(60), 1, Optional.empty());
    store.claim(starting);

    assertFalse(store.takeOver(plan.key(), NOW.plusSeconds(30), NOW.plusSeconds(90)));
    assertTrue(store.takeOver(plan.key(), NOW.plusSeconds(61), NOW.plusSeconds(121)));
    assertFalse(store.takeOver(new PromotionKey("payments-deploy", "exec-1", "payments-prod"), NOW.plusSeconds(61),
        NOW.plusSeconds(121)), "another target is another promotion");
  }
}
