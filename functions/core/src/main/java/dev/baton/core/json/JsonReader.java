package dev.baton.core.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader of one JSON value into plain Java values: {@link LinkedHashMap} (document order),
 * {@link ArrayList}, {@link String}, {@link Integer}/{@link Long}/{@link BigInteger} for whole numbers by size,
 * {@link Double} for the others, {@link Boolean}, {@code null}.
 *
 * <p>Anything else is a {@link MalformedJsonException} saying what was wrong and where (line and column): broken
 * syntax, a raw control character or a bad escape in a string, a leading zero or a bare {@code NaN}, content after
 * the value. Limits as jackson's defaults: objects and arrays nested at most {@value #MAX_DEPTH} deep, numbers of at
 * most {@value #MAX_NUMBER_LENGTH} characters, so a hostile body cannot exhaust the stack. Duplicate names: the last
 * one wins.
 */
final class JsonReader {
  static final int MAX_DEPTH = 1000;
  static final int MAX_NUMBER_LENGTH = 1000;

  private final String text;
  private int pos;
  private int depth;

  private JsonReader(String text) {
    this.text = text;
    this.pos = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;   // a byte-order mark
  }

  /** The one value {@code text} holds, followed by nothing but whitespace. */
  static Object read(String text) {
    JsonReader r = new JsonReader(text);
    r.skipWhitespace();
    if (r.pos >= text.length()) {
      throw r.error("no content");
    }
    Object value = r.value();
    r.skipWhitespace();
    if (r.pos < text.length()) {
      throw r.error("unexpected content after the value");
    }
    return value;
  }

  private Object value() {
    char c = peek();
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected " + describe(c));
      }
    };
  }

  private Map<String, Object> object() {
    enter();
    pos++;
    Map<String, Object> out = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      depth--;
      return out;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a field name in double quotes, found " + describe(peek()));
      }
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      out.put(name, value());
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        depth--;
        return out;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}' in an object, found " + describe(c));
      }
    }
  }

  private List<Object> array() {
    enter();
    pos++;
    List<Object> out = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      depth--;
      return out;
    }
    while (true) {
      skipWhitespace();
      out.add(value());
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        depth--;
        return out;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']' in an array, found " + describe(c));
      }
    }
  }

  private String string() {
    pos++;   // the opening quote
    StringBuilder out = null;
    int start = pos;
    while (true) {
      if (pos >= text.length()) {
        throw error("a string is not closed");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String s = out == null ? text.substring(start, pos) : out.append(text, start, pos).toString();
        pos++;
        return s;
      }
      if (c < 0x20) {
        throw error("a raw control character (code " + (int) c + ") in a string: it must be escaped");
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder();
      }
      out.append(text, start, pos);
      pos++;
      if (pos >= text.length()) {
        throw error("a string is not closed");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(unicodeEscape());
        default -> {
          pos--;
          throw error("an unknown escape \\" + e + " in a string");
        }
      }
      start = pos;
    }
  }

  private char unicodeEscape() {
    if (pos + 4 > text.length()) {
      throw error("a \\u escape needs four hex digits");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(text.charAt(pos), 16);
      if (d < 0) {
        throw error("a \\u escape needs four hex digits");
      }
      v = v * 16 + d;
      pos++;
    }
    return (char) v;
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (pos >= text.length() || !digit(text.charAt(pos))) {
      throw error("a number needs a digit after its sign");
    }
    if (text.charAt(pos) == '0' && pos + 1 < text.length() && digit(text.charAt(pos + 1))) {
      throw error("a number with a leading zero");
    }
    digits();
    boolean whole = true;
    if (pos < text.length() && text.charAt(pos) == '.') {
      whole = false;
      pos++;
      if (pos >= text.length() || !digit(text.charAt(pos))) {
        throw error("a number needs a digit after its decimal point");
      }
      digits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      whole = false;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos >= text.length() || !digit(text.charAt(pos))) {
        throw error("a number needs a digit in its exponent");
      }
      digits();
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      pos = start;
      throw error("a number longer than " + MAX_NUMBER_LENGTH + " characters");
    }
    String n = text.substring(start, pos);
    if (!whole) {
      return Double.parseDouble(n);
    }
    int length = n.length() - (n.charAt(0) == '-' ? 1 : 0);
    if (length <= 9) {
      return Integer.parseInt(n);
    }
    if (length <= 18) {
      long l = Long.parseLong(n);
      return l == (int) l ? (Object) (int) l : (Object) l;
    }
    BigInteger big = new BigInteger(n);
    return big.bitLength() <= 63 ? (Object) big.longValue() : big;
  }

  private void digits() {
    while (pos < text.length() && digit(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected " + describe(peek()));
    }
    pos += word.length();
    return value;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("nested more than " + MAX_DEPTH + " deep");
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "', found " + describe(peek()));
    }
    pos++;
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("the input ends too early");
    }
    return text.charAt(pos);
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private static String describe(char c) {
    return c < 0x20 || c > 0x7e ? "character code " + (int) c : "'" + c + "'";
  }

  private MalformedJsonException error(String what) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(pos, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new MalformedJsonException("not valid JSON: " + what + " (line " + line + ", column " + column + ")");
  }
}
