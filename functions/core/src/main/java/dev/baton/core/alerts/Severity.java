package dev.baton.core.alerts;

import java.util.Locale;

/**
 * How urgent an alert is. Sent as the SNS message attribute {@code severity} ({@code critical}, {@code warning},
 * {@code info}) so subscribers can filter, e.g. a pager subscription with {@code {"severity": ["critical"]}}.
 */
public enum Severity {
  CRITICAL, WARNING, INFO;

  /** The attribute value: the name in lower case. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
