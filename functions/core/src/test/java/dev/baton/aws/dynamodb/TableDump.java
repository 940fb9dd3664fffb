package dev.baton.aws.dynamodb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** A partition's items as plain, comparable values (string sets sorted), by sort key: "the stored state". */
final class TableDump {
  private TableDump() {}

  static SortedMap<String, Map<String, Object>> partition(DynamoDbClient dynamo, String table, String pk) {
    SortedMap<String, Map<String, Object>> out = new TreeMap<>();
    QueryRequest request = QueryRequest.builder().tableName(table).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk))).consistentRead(true).build();
    while (true) {
      QueryResponse r = dynamo.query(request);
      for (Map<String, AttributeValue> item : r.items()) {
        out.put(item.get("sk").s(), plain(item));
      }
      if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
        return out;
      }
      request = request.toBuilder().exclusiveStartKey(r.lastEvaluatedKey()).build();
    }
  }

  /** What differs between two dumps, one line per item or attribute (empty when they are equal). */
  static List<String> diff(SortedMap<String, Map<String, Object>> expected,
                           SortedMap<String, Map<String, Object>> actual) {
    List<String> out = new java.util.ArrayList<>();
    java.util.SortedSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String sk : keys) {
      Map<String, Object> e = expected.get(sk);
      Map<String, Object> a = actual.get(sk);
      if (e == null || a == null) {
        out.add(sk + ": " + (e == null ? "unexpected item" : "missing item"));
        continue;
      }
      java.util.SortedSet<String> names = new TreeSet<>(e.keySet());
      names.addAll(a.keySet());
      for (String n : names) {
        if (!java.util.Objects.equals(e.get(n), a.get(n))) {
          out.add(sk + " ." + n + ": expected " + e.get(n) + " but was " + a.get(n));
        }
      }
    }
    return out;
  }

  static Map<String, Object> plain(Map<String, AttributeValue> item) {
    Map<String, Object> out = new TreeMap<>();
    item.forEach((k, v) -> out.put(k, plain(v)));
    return out;
  }

  private static Object plain(AttributeValue v) {
    if (v.s() != null) {
      return v.s();
    }
    if (v.n() != null) {
      return new java.math.BigDecimal(v.n());
    }
    if (v.hasSs()) {
      return new TreeSet<>(v.ss());
    }
    if (v.hasNs()) {
      return new TreeSet<>(v.ns().stream().map(java.math.BigDecimal::new).toList());
    }
    if (v.hasL()) {
      return v.l().stream().map(TableDump::plain).toList();
    }
    if (v.hasM()) {
      Map<String, Object> m = new LinkedHashMap<>();
      new TreeMap<>(v.m()).forEach((k, x) -> m.put(k, plain(x)));
      return m;
    }
    if (v.bool() != null) {
      return v.bool();
    }
    throw new IllegalArgumentException("an attribute type the dump does not know: " + v);
  }
}
