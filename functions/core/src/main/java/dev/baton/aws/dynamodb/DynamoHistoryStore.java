package dev.baton.aws.dynamodb;

import dev.baton.core.history.HistoryStore;
import dev.baton.core.history.HistoryUpdate;
import dev.baton.core.history.HistoryUpdates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * History updates as DynamoDB UpdateItem requests: one per update, conditional on the rank
 * ({@code attribute_not_exists(rank) OR rank < :rank}); when DynamoDB refuses it (a late or duplicate event), a second,
 * unconditional UpdateItem merges what every order must keep ({@code if_not_exists} facts, the transition added to a
 * string set, an ended attempt to a number set). No reads, no transactions. An update that ends an execution attempt
 * asks for the item as it was ({@code ReturnValues ALL_OLD}): the attempt was not in {@code endedAttempts} before for
 * exactly one of its deliveries, the one whose metric is emitted.
 */
public final class DynamoHistoryStore implements HistoryStore {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoHistoryStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Applied apply(HistoryUpdate update) {
    try {
      UpdateItemResponse response = dynamo.updateItem(request(update, true));
      return applied(update, true, 1, capacity(response), response);
    } catch (ConditionalCheckFailedException refused) {
      if (!update.hasMergeablePart()) {
        return new Applied(false, 1, 1, false, Optional.empty());
      }
      UpdateItemResponse merged = dynamo.updateItem(request(update, false));
      return applied(update, false, 2, 1 + capacity(merged), merged);
    }
  }

  /** For an update that ends an attempt: whether this write recorded that end first, and the item before it. */
  private static Applied applied(HistoryUpdate update, boolean advanced, int writes, double capacity,
                                 UpdateItemResponse response) {
    if (update.endedAttempt().isEmpty()) {
      return new Applied(advanced, writes, capacity, false, Optional.empty());
    }
    Map<String, AttributeValue> old = response.hasAttributes() ? response.attributes() : Map.of();
    AttributeValue ended = old.get(HistoryUpdates.ENDED_ATTEMPTS);
    boolean first = ended == null || !ended.hasNs() || !ended.ns().contains(update.endedAttempt().get().toString());
    return new Applied(advanced, writes, capacity, first, old.containsKey("pipeline")
        ? Optional.of(HistoryItems.execution(old)) : Optional.empty());
  }

  /**
   * Loads the UpdateItem path (marshalling, signing, HTTP, error unmarshalling) without writing: one UpdateItem on a
   * key no history uses, with a condition that can never hold. For the SnapStart priming hook.
   */
  public void prime() {
    try {
      dynamo.updateItem(b -> b.tableName(table)
          .key(Map.of(BatonTable.PK, Attr.s("PRIMING"), BatonTable.SK, Attr.s("PRIMING")))
          .updateExpression("SET #p = :p").conditionExpression("attribute_exists(#p) AND attribute_not_exists(#p)")
          .expressionAttributeNames(Map.of("#p", "priming")).expressionAttributeValues(Map.of(":p", Attr.s("x"))));
    } catch (ConditionalCheckFailedException expected) {
      // nothing was written, as intended
    }
  }

  /**
   * The UpdateItem for {@code update}: with the ranked part and its condition, or the mergeable part alone.
   * Attributes are numbered in name order, so the same update is always the same request.
   */
  UpdateItemRequest request(HistoryUpdate update, boolean ranked) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> set = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    List<String> add = new ArrayList<>();
    int[] n = {0};
    if (ranked) {
      new TreeMap<>(update.winner()).forEach((name, value) -> {
        String k = "w" + n[0]++;
        names.put("#" + k, name);
        values.put(":" + k, value(value));
        set.add("#" + k + " = :" + k);
      });
      update.winnerRemovals().stream().sorted().forEach(name -> {
        String k = "r" + n[0]++;
        names.put("#" + k, name);
        remove.add("#" + k);
      });
    }
    new TreeMap<>(update.constants()).forEach((name, value) -> {
      String k = "c" + n[0]++;
      names.put("#" + k, name);
      values.put(":" + k, value(value));
      set.add("#" + k + " = if_not_exists(#" + k + ", :" + k + ")");
    });
    update.transition().ifPresent(t -> {
      names.put("#tr", HistoryUpdates.TRANSITIONS);
      values.put(":tr", AttributeValue.fromSs(List.of(t)));
      add.add("#tr :tr");
    });
    update.endedAttempt().ifPresent(attempt -> {
      names.put("#ea", HistoryUpdates.ENDED_ATTEMPTS);
      values.put(":ea", AttributeValue.fromNs(List.of(attempt.toString())));
      add.add("#ea :ea");
    });
    UpdateItemRequest.Builder b = UpdateItemRequest.builder().tableName(table)
        .key(Map.of(BatonTable.PK, Attr.s(update.pk()), BatonTable.SK, Attr.s(update.sk())))
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    if (ranked && update.ranked()) {
      names.put("#rank", update.rankAttribute());
      values.put(":rank", Attr.s(update.rank()));
      set.add("#rank = :rank");
      b.conditionExpression("attribute_not_exists(#rank) OR #rank < :rank");
    }
    StringBuilder expression = new StringBuilder();
    if (!set.isEmpty()) {
      expression.append("SET ").append(String.join(", ", set));
    }
    if (!remove.isEmpty()) {
      expression.append(expression.isEmpty() ? "" : " ").append("REMOVE ").append(String.join(", ", remove));
    }
    if (!add.isEmpty()) {
      expression.append(expression.isEmpty() ? "" : " ").append("ADD ").append(String.join(", ", add));
    }
    b.updateExpression(expression.toString()).expressionAttributeNames(names);
    if (!values.isEmpty()) {
      b.expressionAttributeValues(values);
    }
    if (update.endedAttempt().isPresent()) {
      b.returnValues(ReturnValue.ALL_OLD);
    }
    return b.build();
  }

  private static double capacity(UpdateItemResponse response) {
    return response.consumedCapacity() == null || response.consumedCapacity().capacityUnits() == null ? 0
        : response.consumedCapacity().capacityUnits();
  }

  @SuppressWarnings("unchecked")
  private static AttributeValue value(Object v) {
    if (v instanceof String s) {
      return Attr.s(s);
    }
    if (v instanceof Long l) {
      return Attr.n(l);
    }
    if (v instanceof List<?> list) {
      return AttributeValue.fromL(list.stream().map(x -> Attr.s((String) x)).toList());
    }
    if (v instanceof Map<?, ?> map) {
      return Attr.m((Map<String, String>) map);
    }
    throw new IllegalArgumentException("unsupported value " + v);
  }
}
