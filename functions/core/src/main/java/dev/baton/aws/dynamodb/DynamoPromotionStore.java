package dev.baton.aws.dynamodb;

import static dev.baton.aws.dynamodb.Attr.n;
import static dev.baton.aws.dynamodb.Attr.s;

import dev.baton.core.history.HistoryKeys;
import dev.baton.core.promotion.PromotionKey;
import dev.baton.core.promotion.PromotionPlan;
import dev.baton.core.promotion.PromotionRecord;
import dev.baton.core.promotion.PromotionStore;
import dev.baton.core.release.ReleaseStatus;
import dev.baton.core.release.SourceRevision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Promotion records in the Baton table: one item per source execution and target
 * ({@code pk = PROMOTION#<source pipeline>#<source execution>}, {@code sk = TO#<target>}), listed per target through
 * GSI1 ({@code PROMOTIONS#WAITING} while held); once started, a link item under the target's execution
 * ({@code PIPELINE#<target>} / {@code EXEC#<id>#PROMOTION}) joins its history to the source.
 */
public final class DynamoPromotionStore implements PromotionStore {
  static final String WAITING = "PROMOTIONS#WAITING";
  private static final String STATUS = Claims.STATUS;

  private final DynamoDbClient dynamo;
  private final String table;
  private final Optional<Duration> retention;
  private final Claims claims;

  public DynamoPromotionStore(DynamoDbClient dynamo, String table, Optional<Duration> retention) {
    this.dynamo = dynamo;
    this.table = table;
    this.retention = retention;
    this.claims = new Claims(dynamo, table);
  }

  @Override
  public Optional<PromotionRecord> claim(PromotionRecord record) {
    return claims.claim(toItem(record), key(record.key())).map(DynamoPromotionStore::fromItem);
  }

  @Override
  public boolean takeOver(PromotionKey key, Instant now, Instant newLeaseUntil) {
    return claims.takeOver(key(key), now, newLeaseUntil);
  }

  @Override
  public void markStarted(PromotionRecord record, String executionId, Instant now) {
    PromotionPlan plan = record.plan();
    Map<String, AttributeValue> link = new HashMap<>();
    link.put(BatonTable.PK, s(HistoryKeys.pipelinePk(plan.target())));
    link.put(BatonTable.SK, s(HistoryKeys.promotionLinkSk(executionId)));
    link.put("type", s("promotion-link"));
    link.put("executionId", s(executionId));
    link.put("pipeline", s(plan.target()));
    link.put("sourcePipeline", s(plan.key().sourcePipeline()));
    link.put("sourceExecutionId", s(plan.key().sourceExecutionId()));
    link.put("rule", s(plan.rule()));
    link.put("requestedAt", s(record.requestedAt().toString()));
    link.put("revisions", PromotionItems.strings(revisions(plan)));
    link.put("variables", Attr.m(plan.variables()));
    PromotionItems.optional(plan.branch()).ifPresent(v -> link.put("branch", v));
    PromotionItems.putOrigin(link, plan.origin());
    link.put("promotionPk", key(plan.key()).get(BatonTable.PK));
    link.put("promotionSk", key(plan.key()).get(BatonTable.SK));
    expiry(now).ifPresent(e -> link.put(BatonTable.TTL, e));
    dynamo.putItem(b -> b.tableName(table).item(link));
    claims.markStarted(key(plan.key()), plan.target(), executionId, now);
  }

  @Override
  public void markFailed(PromotionKey key, String reason, Instant now) {
    claims.markFailed(key(key), key.target(), reason, now);
  }

  @Override
  public void releaseLease(PromotionKey key, String lastError) {
    claims.releaseLease(key(key), lastError);
  }

  @Override
  public List<PromotionRecord> waiting() {
    List<PromotionRecord> out = new ArrayList<>();
    claims.waiting(WAITING).forEach(item -> out.add(fromItem(item)));
    return out;
  }

  @Override
  public boolean releaseHold(PromotionKey key, Instant now, Instant leaseUntil) {
    return claims.releaseHold(key(key), now, leaseUntil);
  }

  static Map<String, AttributeValue> key(PromotionKey k) {
    return Map.of(BatonTable.PK, s("PROMOTION#" + k.sourcePipeline() + "#" + k.sourceExecutionId()),
        BatonTable.SK, s("TO#" + k.target()));
  }

  private static List<String> revisions(PromotionPlan plan) {
    return plan.sourceRevisions().stream().map(r -> r.type().name() + "=" + r.value()).toList();
  }

  private Map<String, AttributeValue> toItem(PromotionRecord r) {
    PromotionPlan plan = r.plan();
    Map<String, AttributeValue> item = new HashMap<>(key(r.key()));
    item.put("type", s("promotion"));
    item.put(BatonTable.GSI1_PK, s(r.status() == ReleaseStatus.HELD ? WAITING : HistoryKeys.pipelinePk(plan.target())));
    item.put(BatonTable.GSI1_SK, s("PROMOTION#" + r.requestedAt() + "#" + r.key().sourcePipeline() + "/"
        + r.key().sourceExecutionId()));
    item.put("sourcePipeline", s(r.key().sourcePipeline()));
    item.put("sourceExecutionId", s(r.key().sourceExecutionId()));
    item.put("pipeline", s(plan.target()));
    item.put("rule", s(plan.rule()));
    item.put("variables", Attr.m(plan.variables()));
    plan.sourceRevisions().stream().findFirst().ifPresent(sr -> item.put("sourceAction", s(sr.actionName())));
    item.put("revisions", PromotionItems.strings(revisions(plan)));
    PromotionItems.optional(plan.branch()).ifPresent(v -> item.put("branch", v));
    PromotionItems.putOrigin(item, plan.origin());
    item.put("clientRequestToken", s(plan.clientRequestToken()));
    Claims.putState(item, r.status(), r.requestedAt(), r.completedAt(), r.executionId(), r.reason(), r.leaseUntil(),
        r.attempts(), r.hold());
    expiry(r.requestedAt()).ifPresent(e -> item.put(BatonTable.TTL, e));
    return item;
  }

  static PromotionRecord fromItem(Map<String, AttributeValue> item) {
    PromotionKey key = new PromotionKey(Attr.req(item, "sourcePipeline"), Attr.req(item, "sourceExecutionId"),
        Attr.req(item, "pipeline"));
    String action = Attr.str(item, "sourceAction").orElse("");
    List<SourceRevision> revisions = PromotionItems.strings(item, "revisions").stream().map(r -> {
      int eq = r.indexOf('=');
      return new SourceRevision(action, SourceRevision.Type.valueOf(r.substring(0, eq)), r.substring(eq + 1));
    }).toList();
    PromotionPlan plan = new PromotionPlan(key, Attr.req(item, "rule"), Attr.map(item, "variables"), revisions,
        Attr.str(item, "branch"), PromotionItems.origin(item), Attr.req(item, "clientRequestToken"));
    return new PromotionRecord(plan, ReleaseStatus.valueOf(Attr.req(item, STATUS)),
        Instant.parse(Attr.req(item, "requestedAt")), Attr.instant(item, "completedAt"),
        Attr.str(item, "executionId"), Attr.str(item, "failureReason"),
        Instant.ofEpochMilli(Attr.num(item, "leaseUntil", 0)), (int) Attr.num(item, "attempts", 1),
        Claims.hold(item));
  }

  private Optional<AttributeValue> expiry(Instant from) {
    return retention.map(d -> n(from.plus(d).getEpochSecond()));
  }
}
