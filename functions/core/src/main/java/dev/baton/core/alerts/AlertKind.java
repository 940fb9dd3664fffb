package dev.baton.core.alerts;

import java.util.Optional;

/**
 * What an alert is about. The names are the values of {@code notify} in the routing file.
 */
public enum AlertKind {
  /** A stage, action or the whole execution failed. */
  FAILED(Severity.CRITICAL, "FAILED", "failed"),
  /** A manual approval was rejected or timed out (CodePipeline reports both as the approval action FAILED). */
  APPROVAL_REJECTED(Severity.WARNING, "REJECTED", "approval rejected or timed out"),
  /** Someone stopped the execution. */
  STOPPED(Severity.WARNING, "STOPPED", "stopped"),
  /** The execution succeeded (sent only where a route asks for it). */
  SUCCEEDED(Severity.INFO, "SUCCEEDED", "succeeded"),
  /** The execution succeeded after the pipeline's previous execution (or attempt) failed. */
  RECOVERED(Severity.INFO, "RECOVERED", "recovered"),
  /**
   * A freeze (config/freezes.json, or ad hoc from Slack) started or ended on pipelines the route covers: one
   * announcement per freeze, not one per pipeline ({@link FreezeAnnouncer}).
   */
  FREEZE(Severity.INFO, "FREEZE", "frozen");

  private final Severity severity;
  private final String tag;
  private final String verb;

  AlertKind(Severity severity, String tag, String verb) {
    this.severity = severity;
    this.tag = tag;
    this.verb = verb;
  }

  public Severity severity() {
    return severity;
  }

  /** The short upper-case word that leads an SNS subject: {@code FAILED}, {@code REJECTED}, ... */
  public String tag() {
    return tag;
  }

  /** How a headline says it: "failed", "recovered", ... */
  public String verb() {
    return verb;
  }

  /** True for the kinds that tell about a problem (the ones a route's {@code mention} is added to). */
  public boolean isProblem() {
    return severity != Severity.INFO;
  }

  public static Optional<AlertKind> of(String name) {
    for (AlertKind k : values()) {
      if (k.name().equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
