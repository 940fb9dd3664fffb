package dev.baton.core.json;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The one shared JSON reader and writer: plain maps, lists, strings, numbers and booleans. */
public final class Json {
  private static final JSON JSON_STD = JSON.builder().build();

  private Json() {}

  /** Parses a JSON object; anything else (an array, a string, broken JSON) is a {@link MalformedJsonException}. */
  public static JsonObject parseObject(InputStream in) {
    try {
      return wrap(JSON_STD.anyFrom(in));
    } catch (IOException e) {
      throw new MalformedJsonException("not valid JSON: " + firstLine(e.getMessage()), e);
    }
  }

  public static JsonObject parseObject(String text) {
    try {
      return wrap(JSON_STD.anyFrom(text));
    } catch (IOException e) {
      throw new MalformedJsonException("not valid JSON: " + firstLine(e.getMessage()), e);
    }
  }

  public static String write(Object value) {
    try {
      return JSON_STD.asString(value instanceof JsonObject o ? o.asMap() : value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static JsonObject wrap(Object parsed) {
    if (parsed instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map, "$");
    }
    throw new MalformedJsonException("expected a JSON object, found " + (parsed == null ? "nothing" : describe(parsed)));
  }

  static String describe(Object value) {
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof java.util.List) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "null";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
