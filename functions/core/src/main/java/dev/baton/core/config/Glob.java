package dev.baton.core.config;

import java.util.regex.Pattern;

/** A name pattern of the configuration files: {@code *} matches any characters, everything else is literal. */
public final class Glob {
  private Glob() {}

  public static Pattern compile(String pattern) {
    StringBuilder re = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (!re.isEmpty()) {
        re.append(".*");
      }
      re.append(Pattern.quote(part));
    }
    return Pattern.compile(re.toString());
  }

  public static boolean matches(String pattern, String name) {
    return compile(pattern).matcher(name).matches();
  }
}
