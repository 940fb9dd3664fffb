package dev.baton.aws.dynamodb;

import static dev.baton.aws.dynamodb.Attr.n;
import static dev.baton.aws.dynamodb.Attr.s;

import dev.baton.core.history.HistoryKeys;
import dev.baton.core.promotion.PromotionKey;
import dev.baton.core.promotion.PromotionPlan;
import dev.baton.core.promotion.PromotionRecord;
import dev.baton.core.promotion.PromotionStore;
import dev.baton.core.release.ReleaseHold;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Promotion records in the Baton table: one item per source execution and target
 * ({@code pk = PROMOTION#<source pipeline>#<source execution>}, {@code sk = TO#<target>}), listed per target through
 * GSI1 ({@code PROMOTIONS#WAITING} while held); once started, a link item under the target's execution
 * ({@code PIPELINE#<target>} / {@code EXEC#<id>#PROMOTION}) joins its history to the source.
 */
public final class DynamoPromotionStore implements PromotionStore {
  static final String WAITING = "PROMOTIONS#WAITING";
  private static final String STATUS = "status";

  private final DynamoDbClient dynamo;
  private final String table;
  private final Optional<Duration> retention;

  public DynamoPromotionStore(DynamoDbClient dynamo, String table, Optional<Duration> retention) {
    this.dynamo = dynamo;
    this.table = table;
    this.retention = retention;
  }

  @Override
  public Optional<PromotionRecord> claim(PromotionRecord record) {
    try {
      dynamo.putItem(b -> b.tableName(table).item(toItem(record)).conditionExpression("attribute_not_exists(pk)"));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(record.key()))
          .consistentRead(true)).item();
      if (item == null || item.isEmpty()) {
        throw new IllegalStateException("conditional put failed but no item for promotion " + record.key());
      }
      return Optional.of(fromItem(item));
    }
  }

  @Override
  public boolean takeOver(PromotionKey key, Instant now, Instant newLeaseUntil) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(key))
          .updateExpression("SET leaseUntil = :lease ADD attempts :one")
          .conditionExpression("#status = :starting AND leaseUntil <= :now")
          .expressionAttributeNames(Map.of("#status", STATUS))
          .expressionAttributeValues(Map.of(":lease", n(newLeaseUntil.toEpochMilli()), ":one", n(1),
              ":starting", s(ReleaseStatus.STARTING.name()), ":now", n(now.toEpochMilli()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
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
    finish(plan.key(), "SET #status = :started, executionId = :exec, completedAt = :now, gsi1pk = :list "
        + "REMOVE lastError", Map.of(":started", s(ReleaseStatus.STARTED.name()), ":exec", s(executionId),
        ":now", s(now.toString()), ":list", s(HistoryKeys.pipelinePk(plan.target()))));
  }

  @Override
  public void markFailed(PromotionKey key, String reason, Instant now) {
    finish(key, "SET #status = :failed, failureReason = :reason, completedAt = :now, gsi1pk = :list",
        Map.of(":failed", s(ReleaseStatus.FAILED.name()), ":reason", s(reason), ":now", s(now.toString()),
            ":list", s(HistoryKeys.pipelinePk(key.target()))));
  }

  @Override
  public void releaseLease(PromotionKey key, String lastError) {
    finish(key, "SET leaseUntil = :zero, lastError = :error",
        Map.of(":zero", n(0), ":error", s(lastError.length() > 1000 ? lastError.substring(0, 1000) : lastError)));
  }

  @Override
  public List<PromotionRecord> waiting() {
    List<PromotionRecord> out = new ArrayList<>();
    Queries.all(dynamo, QueryRequest.builder().tableName(table).indexName(BatonTable.GSI1)
            .keyConditionExpression("gsi1pk = :waiting")
            .expressionAttributeValues(Map.of(":waiting", s(WAITING))).build())
        .forEach(item -> out.add(fromItem(item)));
    return out;
  }

  @Override
  public boolean releaseHold(PromotionKey key, Instant now, Instant leaseUntil) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(key))
          .updateExpression("SET #status = :starting, leaseUntil = :lease, releasedAt = :now ADD attempts :one")
          .conditionExpression("#status = :held")
          .expressionAttributeNames(Map.of("#status", STATUS))
          .expressionAttributeValues(Map.of(":starting", s(ReleaseStatus.STARTING.name()), ":held",
              s(ReleaseStatus.HELD.name()), ":lease", n(leaseUntil.toEpochMilli()), ":now", s(now.toString()),
              ":one", n(1))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** An update that applies only while the promotion is STARTING: a finished one is never written again. */
  private void finish(PromotionKey key, String update, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> all = new HashMap<>(values);
    all.put(":starting", s(ReleaseStatus.STARTING.name()));
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(key)).updateExpression(update)
          .conditionExpression("#status = :starting")
          .expressionAttributeNames(Map.of("#status", STATUS))
          .expressionAttributeValues(all));
    } catch (ConditionalCheckFailedException alreadyFinished) {
      // another delivery finished it first; what is stored stands
    }
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
    item.put(STATUS, s(r.status().name()));
    item.put("requestedAt", s(r.requestedAt().toString()));
    r.completedAt().ifPresent(c -> item.put("completedAt", s(c.toString())));
    Attr.putIfPresent(item, "executionId", r.executionId());
    Attr.putIfPresent(item, "failureReason", r.reason());
    item.put("leaseUntil", n(r.leaseUntil().toEpochMilli()));
    item.put("attempts", n(r.attempts()));
    r.hold().ifPresent(h -> {
      item.put("heldBy", s(h.freeze()));
      item.put("heldAt", s(h.heldAt().toString()));
      item.put("frozenUntil", s(h.frozenUntil().toString()));
    });
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
        Attr.str(item, "heldBy").map(by -> new ReleaseHold(by, Instant.parse(Attr.req(item, "heldAt")),
            Instant.parse(Attr.req(item, "frozenUntil")))));
  }

  private Optional<AttributeValue> expiry(Instant from) {
    return retention.map(d -> n(from.plus(d).getEpochSecond()));
  }
}
