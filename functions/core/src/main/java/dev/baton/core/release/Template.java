package dev.baton.core.release;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A text with placeholders, such as {@code {app}-deploy} or {@code {object.versionId}}. {@code {{} and {@code }}}
 * stand for literal braces. Placeholders are checked against what a rule can supply when the rule is loaded, so a
 * typo fails the deployment, not a release.
 */
public final class Template {
  /** The object fields every rule can use. */
  public static final Set<String> OBJECT_FIELDS = Set.of("object.bucket", "object.key", "object.versionId",
      "object.etag", "object.size", "object.sequencer", "object.fileName");

  private final String source;
  private final List<String> parts;

  private Template(String source, List<String> parts) {
    this.source = source;
    this.parts = parts;
  }

  /** Parses {@code text}; every placeholder must be one of {@code known} or an object field. */
  public static Template parse(String text, Collection<String> known) {
    return parse(text, name -> known.contains(name) || OBJECT_FIELDS.contains(name), describe(known));
  }

  /**
   * Parses {@code text} for a configuration whose placeholders are not the release rules' ({@code known} says which
   * names exist; {@code choices} describes them in the error).
   */
  public static Template parse(String text, Predicate<String> known, String choices) {
    List<String> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        literal.append('{');
        i++;
      } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
        literal.append('}');
        i++;
      } else if (c == '{') {
        int end = text.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("'{' at position " + i + " is never closed");
        }
        String name = text.substring(i + 1, end);
        if (!known.test(name)) {
          throw new IllegalArgumentException("unknown placeholder {" + name + "}; this rule has " + choices);
        }
        parts.add(literal.toString());
        literal.setLength(0);
        parts.add(name);
        i = end;
      } else if (c == '}') {
        throw new IllegalArgumentException("'}' at position " + i + " has no matching '{' (write }} for a brace)");
      } else {
        literal.append(c);
      }
    }
    parts.add(literal.toString());
    return new Template(text, List.copyOf(parts));
  }

  /** Literal parts at even indexes, placeholder names at odd ones. */
  public String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      out.append(i % 2 == 0 ? parts.get(i) : values.getOrDefault(parts.get(i), ""));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return source;
  }

  private static String describe(Collection<String> known) {
    List<String> all = new ArrayList<>();
    known.forEach(k -> all.add("{" + k + "}"));
    OBJECT_FIELDS.stream().sorted().forEach(k -> all.add("{" + k + "}"));
    return String.join(", ", all);
  }
}
