package dev.baton.aws.dynamodb;

import static dev.baton.aws.dynamodb.Attr.s;

import dev.baton.core.freeze.AdHocFreeze;
import dev.baton.core.freeze.AdHocFreezeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Ad-hoc freezes in the Baton table: one item per target in one small partition ({@code pk = FREEZES},
 * {@code sk = FREEZE#<pipeline or *>}), read with one consistent Query. Ending a freeze keeps the item, with its
 * end moved to now and who ended it.
 */
public final class DynamoFreezeStore implements AdHocFreezeStore {
  static final String PK = "FREEZES";

  private final DynamoDbClient dynamo;
  private final String table;
  private final Optional<Duration> retention;

  public DynamoFreezeStore(DynamoDbClient dynamo, String table, Optional<Duration> retention) {
    this.dynamo = dynamo;
    this.table = table;
    this.retention = retention;
  }

  @Override
  public List<AdHocFreeze> active(Instant now) {
    List<AdHocFreeze> out = new ArrayList<>();
    Queries.all(dynamo, QueryRequest.builder().tableName(table).consistentRead(true)
            .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(PK))).build())
        .forEach(item -> {
          AdHocFreeze f = fromItem(item);
          if (f.activeAt(now)) {
            out.add(f);
          }
        });
    return out;
  }

  @Override
  public void put(AdHocFreeze f) {
    Map<String, AttributeValue> item = new HashMap<>(key(f.target()));
    item.put("type", s("freeze"));
    item.put("target", s(f.target()));
    item.put("reason", s(f.reason()));
    item.put("by", s(f.by()));
    item.put("since", s(f.since().toString()));
    item.put("until", s(f.until().toString()));
    item.put("untilMs", Attr.n(f.until().toEpochMilli()));
    retention.ifPresent(d -> item.put(BatonTable.TTL, Attr.n(f.until().plus(d).getEpochSecond())));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  public List<AdHocFreeze> end(Collection<String> targets, String by, Instant now) {
    List<AdHocFreeze> ended = new ArrayList<>();
    for (String target : targets) {
      try {
        Map<String, AttributeValue> old = dynamo.updateItem(b -> b.tableName(table).key(key(target))
            .updateExpression("SET #until = :now, untilMs = :nowMs, endedBy = :by")
            .conditionExpression("untilMs > :nowMs")
            .expressionAttributeNames(Map.of("#until", "until"))
            .expressionAttributeValues(Map.of(":now", s(now.toString()), ":nowMs", Attr.n(now.toEpochMilli()),
                ":by", s(by)))
            .returnValues(ReturnValue.ALL_OLD)).attributes();
        ended.add(fromItem(old));
      } catch (ConditionalCheckFailedException notActive) {
        // no such freeze, or it was over already
      }
    }
    return ended;
  }

  private static Map<String, AttributeValue> key(String target) {
    return Map.of(BatonTable.PK, s(PK), BatonTable.SK, s("FREEZE#" + target));
  }

  private static AdHocFreeze fromItem(Map<String, AttributeValue> item) {
    return new AdHocFreeze(Attr.req(item, "target"), Attr.req(item, "reason"), Attr.req(item, "by"),
        Instant.parse(Attr.req(item, "since")), Instant.parse(Attr.req(item, "until")));
  }
}
