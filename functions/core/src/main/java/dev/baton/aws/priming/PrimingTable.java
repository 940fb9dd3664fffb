package dev.baton.aws.priming;

import dev.baton.aws.priming.PrimingHttpClient.Answer;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DynamoDB answered from memory during priming, well enough for a function's sample event to take the path a real
 * one takes, whatever the shape of its items: PutItem keeps the item; GetItem finds it; UpdateItem applies the
 * plain assignments of its {@code SET} clause ({@code a = :v}; {@code a = if_not_exists(b, :v)}, b's value before
 * the update if it has one; any other right-hand side by its first value) and its {@code ADD} clause to the item,
 * and returns it (or, for {@code *_OLD}, what it was before) when asked ({@code ReturnValues});
 * Query finds the items its key condition names ({@code k = :v}, with {@code AND begins_with(s, :p)} or
 * {@code AND s BETWEEN :a AND :b} on the sort key; on an index, the items that carry its keys), in sort-key order
 * ({@code ScanIndexForward}, {@code Limit}), in one page; BatchGetItem finds nothing. A condition that is only
 * whether the item exists ({@code attribute_exists(pk)}, {@code attribute_not_exists(pk)}) is checked, as a real
 * table would (so an update meant for an existing item creates none); every other condition, and every filter,
 * holds. Nothing here outlives the priming that made it.
 */
final class PrimingTable {
  private static final Pattern CLAUSE = Pattern.compile("(?i)\\b(SET|REMOVE|ADD|DELETE)\\b");
  private static final Pattern VALUE = Pattern.compile(":[A-Za-z0-9_]+");
  private static final Pattern IF_NOT_EXISTS = Pattern.compile(
      "\\s*if_not_exists\\s*\\(\\s*(#?\\w+)\\s*,\\s*:\\w+\\s*\\)\\s*");
  private static final Pattern KEY_CONDITION = Pattern.compile("\\s*(#?\\w+)\\s*=\\s*(:\\w+)\\s*(?:AND\\s+(?:"
      + "begins_with\\s*\\(\\s*(#?\\w+)\\s*,\\s*(:\\w+)\\s*\\)|(#?\\w+)\\s+BETWEEN\\s+(:\\w+)\\s+AND\\s+(:\\w+))\\s*)?",
      Pattern.CASE_INSENSITIVE);

  private final Map<String, Map<String, Object>> items = new ConcurrentHashMap<>();

  Answer answer(String operation, JsonObject request) {
    if ((operation.equals("PutItem") || operation.equals("UpdateItem")) && !existenceHolds(operation, request)) {
      return Answer.jsonError("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
    }
    return switch (operation) {
      case "PutItem" -> {
        Map<String, Object> item = new LinkedHashMap<>(request.object("Item").asMap());
        items.put(keyOf(request.string("TableName"), item, request), item);
        yield Answer.json("{}");
      }
      case "GetItem" -> {
        Map<String, Object> item = items.get(keyOf(request.string("TableName"), request.object("Key").asMap(), null));
        yield Answer.json(item == null ? "{}" : Json.write(Map.of("Item", item)));
      }
      case "UpdateItem" -> update(request);
      case "Query" -> query(request);
      case "BatchGetItem" -> Answer.json("{\"Responses\":{},\"UnprocessedKeys\":{}}");
      default -> Answer.json("{}");
    };
  }

  /** False when the request's whole condition is the item's existence, and the item says otherwise. */
  private boolean existenceHolds(String operation, JsonObject request) {
    String condition = request.optString("ConditionExpression").orElse("").replace(" ", "");
    if (!condition.equals("attribute_exists(pk)") && !condition.equals("attribute_not_exists(pk)")) {
      return true;
    }
    Map<String, Object> key = operation.equals("PutItem") ? request.object("Item").asMap()
        : request.object("Key").asMap();
    boolean exists = items.containsKey(keyOf(request.string("TableName"), key, null));
    return condition.equals("attribute_exists(pk)") == exists;
  }

  private Answer update(JsonObject request) {
    Map<String, Object> key = request.object("Key").asMap();
    String id = keyOf(request.string("TableName"), key, null);
    Map<String, Object> item = new LinkedHashMap<>(items.getOrDefault(id, key));
    Map<String, Object> old = Map.copyOf(item);   // what the right-hand sides read
    Map<String, Object> names = request.optObject("ExpressionAttributeNames").map(JsonObject::asMap).orElse(Map.of());
    Map<String, Object> values = request.optObject("ExpressionAttributeValues").map(JsonObject::asMap)
        .orElse(Map.of());
    String expression = request.optString("UpdateExpression").orElse("");
    Matcher m = CLAUSE.matcher(expression);
    List<int[]> starts = new ArrayList<>();
    while (m.find()) {
      starts.add(new int[] {m.start(), m.end()});
    }
    for (int i = 0; i < starts.size(); i++) {
      String keyword = expression.substring(starts.get(i)[0], starts.get(i)[1]).toUpperCase();
      String body = expression.substring(starts.get(i)[1], i + 1 < starts.size() ? starts.get(i + 1)[0]
          : expression.length());
      for (String part : topLevel(body)) {
        String[] sides = keyword.equals("SET") ? part.split("=", 2) : part.trim().split("\\s+", 2);
        if (sides.length < 2 || !(keyword.equals("SET") || keyword.equals("ADD"))) {
          continue;
        }
        String name = names.getOrDefault(sides[0].trim(), sides[0].trim()).toString();
        Matcher v = VALUE.matcher(sides[1]);
        Matcher ifNotExists = IF_NOT_EXISTS.matcher(sides[1]);
        if (name.contains(".") || name.contains("[")) {
          continue;
        }
        String read = ifNotExists.matches()
            ? names.getOrDefault(ifNotExists.group(1), ifNotExists.group(1)).toString() : null;
        if (read != null && old.containsKey(read)) {
          item.put(name, old.get(read));
        } else if (v.find() && values.containsKey(v.group())) {
          item.put(name, values.get(v.group()));
        }
      }
    }
    Map<String, Object> before = items.get(id);
    items.put(id, item);
    String returns = request.optString("ReturnValues").orElse("NONE");
    Map<String, Object> attributes = returns.endsWith("_OLD") ? before : returns.equals("NONE") ? null : item;
    return Answer.json(attributes == null ? "{}" : Json.write(Map.of("Attributes", attributes)));
  }

  private Answer query(JsonObject request) {
    Map<String, Object> names = request.optObject("ExpressionAttributeNames").map(JsonObject::asMap).orElse(Map.of());
    Map<String, Object> values = request.optObject("ExpressionAttributeValues").map(JsonObject::asMap)
        .orElse(Map.of());
    Matcher m = KEY_CONDITION.matcher(request.optString("KeyConditionExpression").orElse(""));
    if (!m.matches()) {
      throw new IllegalArgumentException("priming's table reads no key condition like "
          + request.optString("KeyConditionExpression").orElse("(none)"));
    }
    String hash = names.getOrDefault(m.group(1), m.group(1)).toString();
    Object hashValue = values.get(m.group(2));
    String range = m.group(3) != null ? m.group(3) : m.group(5);
    String sortKey = range == null ? null : names.getOrDefault(range, range).toString();
    String prefix = request.string("TableName") + " ";
    List<Map<String, Object>> found = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : items.entrySet()) {
      Map<String, Object> item = e.getValue();
      if (!e.getKey().startsWith(prefix) || !Json.write(hashValue).equals(Json.write(item.get(hash)))) {
        continue;
      }
      String sort = sortKey == null ? "" : scalar(item.get(sortKey));
      boolean inRange = sortKey == null
          || (m.group(4) != null ? sort.startsWith(scalar(values.get(m.group(4))))
              : sort.compareTo(scalar(values.get(m.group(6)))) >= 0
                  && sort.compareTo(scalar(values.get(m.group(7)))) <= 0);
      if (inRange && (sortKey == null || item.containsKey(sortKey))) {
        found.add(item);
      }
    }
    String order = sortKey != null ? sortKey : request.optString("IndexName").isPresent() ? "gsi1sk" : "sk";
    found.sort(java.util.Comparator.comparing((Map<String, Object> i) -> scalar(i.get(order))));
    if (!request.optBoolean("ScanIndexForward").orElse(true)) {
      java.util.Collections.reverse(found);
    }
    long limit = request.optLong("Limit").orElse(Long.MAX_VALUE);
    List<Map<String, Object>> page = found.stream().limit(limit).toList();
    return Answer.json(Json.write(Map.of("Items", page, "Count", page.size(), "ScannedCount", page.size())));
  }

  /** The string or number inside an attribute value ({@code {"S": "x"}}), or "" for anything else. */
  private static String scalar(Object attributeValue) {
    if (attributeValue instanceof Map<?, ?> v) {
      Object s = v.get("S") != null ? v.get("S") : v.get("N");
      return s == null ? "" : s.toString();
    }
    return "";
  }

  /** The comma-separated parts of a clause, commas inside parentheses left alone. */
  private static List<String> topLevel(String clause) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < clause.length(); i++) {
      char c = clause.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        parts.add(clause.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(clause.substring(from));
    return parts;
  }

  /** The item's identity: table, pk and sk (a PutItem's key attributes are the item's pk/sk). */
  private static String keyOf(String table, Map<String, Object> item, JsonObject ignored) {
    Map<String, Object> key = new TreeMap<>();
    for (String k : new String[] {"pk", "sk"}) {
      if (item.containsKey(k)) {
        key.put(k, item.get(k));
      }
    }
    return table + " " + Json.write(key);
  }
}
