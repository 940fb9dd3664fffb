package dev.baton.core.release;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key pattern such as {@code releases/{app}/{version}/*.zip}, matched against the whole decoded object key:
 * <ul>
 *   <li>{@code {name}} captures one path segment (one or more characters, no {@code /});</li>
 *   <li>{@code {name+}} captures one or more segments ({@code /} allowed);</li>
 *   <li>{@code *} matches any characters within a segment (possibly none), {@code **} any characters across
 *       segments;</li>
 *   <li>everything else matches itself, case-sensitively, as S3 keys are.</li>
 * </ul>
 */
public final class KeyPattern {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private final String source;
  private final Pattern regex;
  private final List<String> names;

  private KeyPattern(String source, Pattern regex, List<String> names) {
    this.source = source;
    this.regex = regex;
    this.names = names;
  }

  /** Compiles a pattern; a malformed one is an {@link IllegalArgumentException} that says what is wrong. */
  public static KeyPattern compile(String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    StringBuilder re = new StringBuilder("^");
    List<String> names = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '{') {
        int end = pattern.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("'{' at position " + i + " is never closed");
        }
        String name = pattern.substring(i + 1, end);
        boolean multi = name.endsWith("+");
        if (multi) {
          name = name.substring(0, name.length() - 1);
        }
        if (!NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("'{" + pattern.substring(i + 1, end) + "}' is not a capture: use {name} "
              + "or {name+}, where name is a letter followed by letters, digits or _");
        }
        if (name.equals("object")) {
          throw new IllegalArgumentException("{object} is reserved for the object's own fields ({object.key}, ...)");
        }
        if (names.contains(name)) {
          throw new IllegalArgumentException("capture {" + name + "} appears twice");
        }
        flush(literal, re);
        names.add(name);
        re.append("(?<").append(groupName(names.size() - 1)).append(multi ? ">.+?)" : ">[^/]+?)");
        i = end;
      } else if (c == '}') {
        throw new IllegalArgumentException("'}' at position " + i + " has no matching '{'");
      } else if (c == '*') {
        flush(literal, re);
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          re.append(".*?");
          i++;
        } else {
          re.append("[^/]*?");
        }
      } else {
        literal.append(c);
      }
    }
    flush(literal, re);
    re.append('$');
    return new KeyPattern(pattern, Pattern.compile(re.toString(), Pattern.DOTALL), Collections.unmodifiableList(names));
  }

  /** The captures of a matching key, in pattern order; empty when the key does not match. */
  public Optional<Map<String, String>> match(String key) {
    Matcher m = regex.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> captures = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      captures.put(names.get(i), m.group(groupName(i)));
    }
    return Optional.of(captures);
  }

  public List<String> names() {
    return names;
  }

  @Override
  public String toString() {
    return source;
  }

  private static String groupName(int index) {
    return "c" + index;
  }

  private static void flush(StringBuilder literal, StringBuilder re) {
    if (!literal.isEmpty()) {
      re.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }
}
