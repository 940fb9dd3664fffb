package dev.baton.cli.replay;

import java.util.Optional;

/**
 * A Lambda function as a name or ARN, with or without a version or alias qualifier
 * ({@code baton-AlertsFunction-1A2B}, {@code my-fn:live},
 * {@code arn:aws:lambda:eu-west-1:123456789012:function:my-fn:live}).
 *
 * @param base the name or unqualified ARN, as given
 * @param name the function name alone
 */
record FunctionRef(String base, String name, Optional<String> qualifier) {
  private static final String ARN_MARK = ":function:";

  static FunctionRef parse(String function) {
    String f = function.strip();
    int mark = f.indexOf(ARN_MARK);
    if (f.startsWith("arn:") && mark > 0) {
      String rest = f.substring(mark + ARN_MARK.length());
      int colon = rest.indexOf(':');
      String name = colon < 0 ? rest : rest.substring(0, colon);
      return new FunctionRef(f.substring(0, mark + ARN_MARK.length()) + name, name,
          colon < 0 ? Optional.empty() : Optional.of(rest.substring(colon + 1)));
    }
    if (f.isEmpty() || f.startsWith("arn:")) {
      throw new IllegalArgumentException("not a Lambda function name or ARN: '" + function + "'");
    }
    int colon = f.indexOf(':');
    return colon < 0 ? new FunctionRef(f, f, Optional.empty())
        : new FunctionRef(f.substring(0, colon), f.substring(0, colon), Optional.of(f.substring(colon + 1)));
  }

  /** This function at {@code qualifier}, unless it names one of its own. */
  FunctionRef orAt(Optional<String> defaultQualifier) {
    return qualifier.isPresent() ? this : new FunctionRef(base, name, defaultQualifier);
  }

  /** What to invoke: {@code name:qualifier} (or the qualified ARN). */
  String invokeName() {
    return base + qualifier.map(q -> ":" + q).orElse("");
  }

  /** Whether {@code arnOrName} (from a message, so possibly not a Lambda function at all) names this function. */
  boolean sameFunction(String arnOrName) {
    return nameOf(arnOrName).equals(name);
  }

  /** The function name in {@code arnOrName}, or the text itself when it is no function name or ARN. */
  static String nameOf(String arnOrName) {
    try {
      return parse(arnOrName).name();
    } catch (IllegalArgumentException e) {
      return arnOrName;
    }
  }
}
