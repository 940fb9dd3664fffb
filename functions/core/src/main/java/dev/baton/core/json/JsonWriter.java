package dev.baton.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

/**
 * Writes plain Java values as compact JSON: maps (in their iteration order; keys as text; an entry whose value is
 * {@code null} or an empty {@link Optional} is left out, as jackson-jr did), collections and arrays,
 * strings and characters, numbers, booleans, enums by name, {@link JsonObject}s, present {@link Optional}s by their
 * value, {@code null}. A non-finite double and any other type are an {@link IllegalArgumentException}: nothing is
 * guessed from getters or {@code toString()}. Strings are escaped as RFC 8259 requires (quote, backslash, control
 * characters) and otherwise written as they are.
 */
final class JsonWriter {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonWriter() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(out, value);
    return out.toString();
  }

  // An instanceof chain, the common types first, rather than a pattern switch: a switch on types is linked at its
  // first use by a class the JDK generates then, which a cold start pays for in every function.
  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Map<?, ?> map) {
      object(out, map);
    } else if (value instanceof Iterable<?> items) {
      array(out, items);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Integer n) {
      out.append(n.intValue());
    } else if (value instanceof Long n) {
      out.append(n.longValue());
    } else if (value instanceof JsonObject o) {
      object(out, o.asMap());
    } else if (value instanceof Optional<?> o) {
      write(out, o.orElse(null));
    } else if (value instanceof Enum<?> e) {
      string(out, e.name());
    } else if (value instanceof Object[] items) {
      array(out, java.util.Arrays.asList(items));
    } else if (value instanceof Character c) {
      string(out, c.toString());
    } else if (value instanceof Number n) {
      number(out, n);
    } else {
      throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private static void number(StringBuilder out, Number value) {
    if (value instanceof Double n) {
      out.append(finite(n.doubleValue()));
    } else if (value instanceof Float n) {
      out.append(finite(n.floatValue()));
    } else if (value instanceof Short || value instanceof Byte || value instanceof BigInteger
        || value instanceof BigDecimal) {
      out.append(value);
    } else {
      throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private static void object(StringBuilder out, Map<?, ?> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object v = e.getValue() instanceof Optional<?> o ? o.orElse(null) : e.getValue();
      if (v == null) {
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, String.valueOf(e.getKey()));
      out.append(':');
      write(out, v);
    }
    out.append('}');
  }

  private static void array(StringBuilder out, Iterable<?> items) {
    out.append('[');
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        out.append(',');
      }
      first = false;
      write(out, item);
    }
    out.append(']');
  }

  private static double finite(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("JSON has no " + d);
    }
    return d;
  }

  private static float finite(float f) {
    if (!Float.isFinite(f)) {
      throw new IllegalArgumentException("JSON has no " + f);
    }
    return f;
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, start, i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
      start = i + 1;
    }
    out.append(s, start, s.length()).append('"');
  }
}
