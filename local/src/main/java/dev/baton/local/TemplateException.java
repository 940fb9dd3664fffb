package dev.baton.local;

import java.nio.file.Path;
import java.util.List;

/** A template CloudFormation would refuse: every violation, one per line, as {@link TemplateRules} words them. */
public final class TemplateException extends IllegalArgumentException {
  private final transient List<String> violations;

  public TemplateException(Path file, List<String> violations) {
    super(file + ": " + violations.size() + " violation(s) of CloudFormation's template rules:\n  "
        + String.join("\n  ", violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}
