package dev.baton.core.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of a parsed JSON object that knows where it sits in its document, so that a missing or
 * mistyped field is reported as {@code $.detail.state: missing} rather than a NullPointerException.
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

  /** A required, non-blank string. */
  public String string(String name) {
    return optString(name).filter(s -> !s.isBlank())
        .orElseThrow(() -> new MalformedJsonException(path + "." + name + ": " + (map.containsKey(name)
            && map.get(name) != null ? "must be a non-empty string" : "missing")));
  }

  /** An optional string; numbers are given as their text (S3 sizes, attempts), other types are an error. */
  public Optional<String> optString(String name) {
    Object v = map.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(s);
    }
    if (v instanceof Number n) {
      return Optional.of(n.toString());
    }
    throw new MalformedJsonException(path + "." + name + ": expected a string, found " + Json.describe(v));
  }

  public Optional<Long> optLong(String name) {
    Object v = map.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Number n) {
      return Optional.of(n.longValue());
    }
    if (v instanceof String s) {
      try {
        return Optional.of(Long.parseLong(s.trim()));
      } catch (NumberFormatException e) {
        throw new MalformedJsonException(path + "." + name + ": expected a whole number");
      }
    }
    throw new MalformedJsonException(path + "." + name + ": expected a number, found " + Json.describe(v));
  }

  public Optional<Boolean> optBoolean(String name) {
    Object v = map.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Boolean b) {
      return Optional.of(b);
    }
    throw new MalformedJsonException(path + "." + name + ": expected true or false, found " + Json.describe(v));
  }

  public JsonObject object(String name) {
    return optObject(name).orElseThrow(() -> new MalformedJsonException(path + "." + name + ": missing"));
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
    throw new MalformedJsonException(path + "." + name + ": expected an object, found " + Json.describe(v));
  }

  /** The objects of an array field; absent means empty. */
  @SuppressWarnings("unchecked")
  public List<JsonObject> objects(String name) {
    Object v = map.get(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new MalformedJsonException(path + "." + name + ": expected an array, found " + Json.describe(v));
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
      throw new MalformedJsonException(path + "." + name + ": expected an array, found " + Json.describe(v));
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

  @Override
  public String toString() {
    return Json.write(map);
  }
}
