package dev.baton.core.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of a parsed JSON object that knows where it sits in its document, so that a missing or
 * mistyped field is reported with its path ({@code $.detail.state: missing}, {@code $.detail.pipeline: expected a
 * string, found a number}) rather than as a NullPointerException or, worse, a value converted to the expected type.
 * Every accessor is strict about JSON types: a number is never read as text, nor a string as a number.
 */
public final class JsonObject {
  private final Map<String, Object> map;
  private final String path;

  JsonObject(Map<String, Object> map, String path) {
    this.map = map;
    this.path = path;
  }

  public static JsonObject of(Map<String, Object> map) {
    return new JsonObject(map, "$");
  }

  public String path() {
    return path;
  }

  public boolean has(String name) {
    return map.get(name) != null;
  }

  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(map);
  }

  public java.util.Set<String> keys() {
    return map.keySet();
  }

  /** A required, non-blank string; a number, boolean, object or array in its place is an error like a missing one. */
  public String string(String name) {
    return optString(name).filter(s -> !s.isBlank())
        .orElseThrow(() -> new MalformedJsonException(at(name) + ": " + (map.get(name) != null
            ? "must be a non-empty string" : "missing")));
  }

  /** An optional string: absent (or null) is empty; any other type is an error, never converted to text. */
  public Optional<String> optString(String name) {
    Object v = map.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(s);
    }
    throw wrongType(name, "a string", v);
  }

  /**
   * An optional whole number. JSON has one number type, so {@code 3} and {@code 3.0} (how CodePipeline writes its
   * counters) are both 3; a fraction is an error, and so is a string, even {@code "3"}.
   */
  public Optional<Long> optLong(String name) {
    Object v = map.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Number n)) {
      throw wrongType(name, "a number", v);
    }
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return Optional.of(n.longValue());
    }
    double d = n.doubleValue();
    if (Double.isInfinite(d) || Double.isNaN(d) || d != Math.rint(d) || Math.abs(d) > 0x1p53) {
      throw new MalformedJsonException(at(name) + ": expected a whole number");
    }
    return Optional.of((long) d);
  }

  public Optional<Boolean> optBoolean(String name) {
    Object v = map.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Boolean b) {
      return Optional.of(b);
    }
    throw wrongType(name, "true or false", v);
  }

  public JsonObject object(String name) {
    return optObject(name).orElseThrow(() -> new MalformedJsonException(at(name) + ": missing"));
  }

  @SuppressWarnings("unchecked")
  public Optional<JsonObject> optObject(String name) {
    Object v = map.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Map<?, ?> m) {
      return Optional.of(new JsonObject((Map<String, Object>) m, path + "." + name));
    }
    throw wrongType(name, "an object", v);
  }

  /** The objects of an array field; absent means empty. */
  @SuppressWarnings("unchecked")
  public List<JsonObject> objects(String name) {
    Object v = map.get(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw wrongType(name, "an array", v);
    }
    List<JsonObject> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new MalformedJsonException(path + "." + name + "[" + i + "]: expected an object, found "
            + Json.describe(list.get(i)));
      }
      out.add(new JsonObject((Map<String, Object>) m, path + "." + name + "[" + i + "]"));
    }
    return out;
  }

  /** The strings of an array field; absent means empty. */
  public List<String> strings(String name) {
    Object v = map.get(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw wrongType(name, "an array", v);
    }
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) {
        throw new MalformedJsonException(path + "." + name + "[" + i + "]: expected a string, found "
            + Json.describe(list.get(i)));
      }
      out.add(s);
    }
    return out;
  }

  /** The JSON path of a field of this object: {@code $.detail.pipeline}. */
  private String at(String name) {
    return path + "." + name;
  }

  private MalformedJsonException wrongType(String name, String expected, Object found) {
    return new MalformedJsonException(at(name) + ": expected " + expected + ", found " + Json.describe(found));
  }

  @Override
  public String toString() {
    return Json.write(map);
  }
}
