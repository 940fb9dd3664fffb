package dev.baton.aws.dynamodb;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers between Java values and DynamoDB attribute values. */
public final class Attr {
  private Attr() {}

  public static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  public static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  public static AttributeValue m(Map<String, String> values) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, s(v)));
    return AttributeValue.fromM(out);
  }

  public static void putIfPresent(Map<String, AttributeValue> item, String name, Optional<String> value) {
    value.filter(v -> !v.isEmpty()).ifPresent(v -> item.put(name, s(v)));
  }

  public static Optional<String> str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? Optional.empty() : Optional.of(v.s());
  }

  public static String req(Map<String, AttributeValue> item, String name) {
    return str(item, name).orElseThrow(() -> new IllegalStateException("stored item lacks " + name + ": "
        + item.get(BatonTable.PK)));
  }

  public static long num(Map<String, AttributeValue> item, String name, long otherwise) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? otherwise : Long.parseLong(v.n());
  }

  public static Optional<Instant> instant(Map<String, AttributeValue> item, String name) {
    return str(item, name).map(Instant::parse);
  }

  public static Map<String, String> map(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (v != null && v.hasM()) {
      v.m().forEach((k, x) -> out.put(k, x.s()));
    }
    return out;
  }
}
