package dev.baton.aws.dynamodb;

import static dev.baton.aws.dynamodb.Attr.n;
import static dev.baton.aws.dynamodb.Attr.s;

import dev.baton.core.history.HistoryKeys;
import dev.baton.core.release.ReleaseHold;
import dev.baton.core.release.ReleaseStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The conditional updates a claimed record goes through, releases and promotions alike: a STARTING claim holds a
 * lease that a redelivery may take over once it has run out; a HELD record is taken off its waiting list by one sweep
 * only; only a STARTING record is finished, so a finished one is never written again.
 */
final class Claims {
  static final String STATUS = "status";

  private final DynamoDbClient dynamo;
  private final String table;

  Claims(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /**
   * Stores {@code item} if nothing is stored under its key yet (empty); otherwise returns what is stored there, read
   * consistently.
   */
  Optional<Map<String, AttributeValue>> claim(Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
    try {
      dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      return Optional.of(find(key).orElseThrow(() -> new IllegalStateException("conditional put failed but no item "
          + "under " + key)));
    }
  }

  /** The item under {@code key}, read consistently. */
  Optional<Map<String, AttributeValue>> find(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  /** Takes over a STARTING claim whose lease has run out; false when someone else holds or finished it. */
  boolean takeOver(Map<String, AttributeValue> key, Instant now, Instant newLeaseUntil) {
    return conditional(key, "SET leaseUntil = :lease ADD attempts :one", "#status = :starting AND leaseUntil <= :now",
        Map.of(":lease", n(newLeaseUntil.toEpochMilli()), ":one", n(1), ":starting", s(ReleaseStatus.STARTING.name()),
            ":now", n(now.toEpochMilli())));
  }

  /** HELD -> STARTING with a lease; false when another sweep (or nobody: it is not HELD) got there first. */
  boolean releaseHold(Map<String, AttributeValue> key, Instant now, Instant leaseUntil) {
    return conditional(key, "SET #status = :starting, leaseUntil = :lease, releasedAt = :now ADD attempts :one",
        "#status = :held", Map.of(":starting", s(ReleaseStatus.STARTING.name()), ":held",
            s(ReleaseStatus.HELD.name()), ":lease", n(leaseUntil.toEpochMilli()), ":now", s(now.toString()),
            ":one", n(1)));
  }

  /** Gives the claim up after a transient failure, so the next delivery retries at once. */
  void releaseLease(Map<String, AttributeValue> key, String lastError) {
    finish(key, "SET leaseUntil = :zero, lastError = :error",
        Map.of(":zero", n(0), ":error", s(lastError.length() > 1000 ? lastError.substring(0, 1000) : lastError)));
  }

  /**
   * STARTING -> STARTED with the execution it started, moved from a waiting list onto {@code pipeline}'s list
   * ({@code PIPELINE#<name>}), its last transient error dropped.
   */
  void markStarted(Map<String, AttributeValue> key, String pipeline, String executionId, Instant now) {
    finish(key, "SET #status = :started, executionId = :exec, completedAt = :now, gsi1pk = :list REMOVE lastError",
        Map.of(":started", s(ReleaseStatus.STARTED.name()), ":exec", s(executionId), ":now", s(now.toString()),
            ":list", s(HistoryKeys.pipelinePk(pipeline))));
  }

  /** STARTING -> FAILED with the reason, listed under {@code pipeline}. */
  void markFailed(Map<String, AttributeValue> key, String pipeline, String reason, Instant now) {
    finish(key, "SET #status = :failed, failureReason = :reason, completedAt = :now, gsi1pk = :list",
        Map.of(":failed", s(ReleaseStatus.FAILED.name()), ":reason", s(reason), ":now", s(now.toString()),
            ":list", s(HistoryKeys.pipelinePk(pipeline))));
  }

  /** An update that applies only while the record is STARTING: a finished one is never written again. */
  void finish(Map<String, AttributeValue> key, String update, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> all = new HashMap<>(values);
    all.put(":starting", s(ReleaseStatus.STARTING.name()));
    conditional(key, update, "#status = :starting", all);   // false: another delivery finished it first; it stands
  }

  /** The records on a waiting list of GSI1 (one Query, paginated; no scan). */
  List<Map<String, AttributeValue>> waiting(String list) {
    return Queries.all(dynamo, QueryRequest.builder().tableName(table).indexName(BatonTable.GSI1)
        .keyConditionExpression("gsi1pk = :waiting")
        .expressionAttributeValues(Map.of(":waiting", s(list))).build());
  }

  /**
   * The state attributes of a claimed record: its status, when it was requested and finished, the execution or the
   * failure, the lease, the attempts, and the freeze that holds it.
   */
  static void putState(Map<String, AttributeValue> item, ReleaseStatus status, Instant requestedAt,
                       Optional<Instant> completedAt, Optional<String> executionId, Optional<String> reason,
                       Instant leaseUntil, int attempts, Optional<ReleaseHold> hold) {
    item.put(STATUS, s(status.name()));
    item.put("requestedAt", s(requestedAt.toString()));
    completedAt.ifPresent(c -> item.put("completedAt", s(c.toString())));
    Attr.putIfPresent(item, "executionId", executionId);
    Attr.putIfPresent(item, "failureReason", reason);
    item.put("leaseUntil", n(leaseUntil.toEpochMilli()));
    item.put("attempts", n(attempts));
    hold.ifPresent(h -> {
      item.put("heldBy", s(h.freeze()));
      item.put("heldAt", s(h.heldAt().toString()));
      item.put("frozenUntil", s(h.frozenUntil().toString()));
    });
  }

  /** The freeze that holds (or held) a record, as {@link #putState} stored it. */
  static Optional<ReleaseHold> hold(Map<String, AttributeValue> item) {
    return Attr.str(item, "heldBy").map(by -> new ReleaseHold(by, Instant.parse(Attr.req(item, "heldAt")),
        Instant.parse(Attr.req(item, "frozenUntil"))));
  }

  private boolean conditional(Map<String, AttributeValue> key, String update, String condition,
                              Map<String, AttributeValue> values) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression(update).conditionExpression(condition)
          .expressionAttributeNames(Map.of("#status", STATUS)).expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }
}
