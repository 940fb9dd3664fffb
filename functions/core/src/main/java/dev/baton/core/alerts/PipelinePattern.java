package dev.baton.core.alerts;

import java.util.regex.Pattern;

/**
 * A pipeline name pattern: the name itself, or with {@code *} standing for any characters ({@code payments-*},
 * {@code *-prod}, {@code *}). Matching is case-sensitive, as pipeline names are.
 */
public final class PipelinePattern {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9.@_*-]{1,100}");

  private final String source;
  private final Pattern regex;

  private PipelinePattern(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  /** A malformed pattern is an {@link IllegalArgumentException} that says what is wrong. */
  public static PipelinePattern compile(String pattern) {
    if (pattern == null || !VALID.matcher(pattern).matches()) {
      throw new IllegalArgumentException("\"" + pattern + "\" is not a pipeline name pattern (letters, digits, "
          + ". @ _ - and * for any characters; 1-100 characters)");
    }
    String re = java.util.Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
        .collect(java.util.stream.Collectors.joining(".*"));
    return new PipelinePattern(pattern, Pattern.compile(re));
  }

  public boolean matches(String pipeline) {
    return regex.matcher(pipeline).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
