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
 * plain assignments of its {@code SET} clause ({@code a = :v}, {@code a = if_not_exists(a, :v)}, any other right-hand
 * side by its first value) and its {@code ADD} clause to the item and returns it when asked ({@code ReturnValues});
 * Query and BatchGetItem find nothing. Conditions always hold. Nothing here outlives the priming that made it.
 */
final class PrimingTable {
  private static final Pattern CLAUSE = Pattern.compile("(?i)\\b(SET|REMOVE|ADD|DELETE)\\b");
  private static final Pattern VALUE = Pattern.compile(":[A-Za-z0-9_]+");

  private final Map<String, Map<String, Object>> items = new ConcurrentHashMap<>();

  Answer answer(String operation, JsonObject request) {
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
      case "Query" -> Answer.json("{\"Items\":[],\"Count\":0,\"ScannedCount\":0}");
      case "BatchGetItem" -> Answer.json("{\"Responses\":{},\"UnprocessedKeys\":{}}");
      default -> Answer.json("{}");
    };
  }

  private Answer update(JsonObject request) {
    Map<String, Object> key = request.object("Key").asMap();
    String id = keyOf(request.string("TableName"), key, null);
    Map<String, Object> item = new LinkedHashMap<>(items.getOrDefault(id, key));
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
        if (!name.contains(".") && !name.contains("[") && v.find() && values.containsKey(v.group())) {
          item.put(name, values.get(v.group()));
        }
      }
    }
    items.put(id, item);
    boolean returns = !request.optString("ReturnValues").orElse("NONE").equals("NONE");
    return Answer.json(returns ? Json.write(Map.of("Attributes", item)) : "{}");
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
