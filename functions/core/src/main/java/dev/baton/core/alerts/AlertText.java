package dev.baton.core.alerts;

import java.time.Duration;
import java.util.Optional;

/** The sentences every alert channel shares: headline, subject line, durations. Plain text; channels escape it. */
public final class AlertText {
  /** SNS subjects must be shorter than 100 characters. */
  public static final int MAX_SUBJECT = 99;

  private AlertText() {}

  /** One sentence saying what happened, e.g. {@code payments-deploy failed: action Build in stage Build (CodeBuild)}. */
  public static String headline(Alert a) {
    return switch (a.kind()) {
      case FAILED -> a.firstAction()
          .map(f -> a.pipeline() + " failed: action " + f.action() + " in stage " + f.stage()
              + f.provider().map(p -> " (" + p + ")").orElse("")
              + (a.failedActions().size() > 1 ? " and " + (a.failedActions().size() - 1) + " more" : ""))
          .orElseGet(() -> a.pipeline() + " failed" + a.stage().map(s -> " in stage " + s).orElse(""));
      case APPROVAL_REJECTED -> a.pipeline() + ": approval " + a.firstAction().map(f -> f.action() + " in stage "
          + f.stage()).orElse(a.stage().map(s -> "in stage " + s).orElse("")) + " was rejected or timed out";
      case STOPPED -> a.pipeline() + ": execution " + shortId(a.executionId()) + " was stopped";
      case SUCCEEDED -> a.pipeline() + " succeeded";
      case RECOVERED -> a.pipeline() + " succeeded again" + a.recoveredFrom().map(r -> " after " + r + " failed")
          .orElse("");
      case FREEZE -> a.pipeline() + " is frozen";
    };
  }

  /**
   * The SNS subject: {@code [FAILED] payments-deploy: Build/Build failed (attempt 2)}. ASCII only, one line, at most
   * {@link #MAX_SUBJECT} characters (SNS refuses anything else).
   */
  public static String subject(Alert a) {
    String what = switch (a.kind()) {
      case FAILED -> a.firstAction().map(f -> f.path() + " failed").or(() -> a.stage().map(s -> s + " failed"))
          .orElse("execution failed");
      case APPROVAL_REJECTED -> "approval " + a.firstAction().map(FailedAction::path).orElse(a.stage().orElse(""))
          + " rejected or timed out";
      case STOPPED -> "execution " + shortId(a.executionId()) + " stopped";
      case SUCCEEDED -> "execution " + shortId(a.executionId()) + " succeeded";
      case RECOVERED -> "green again";
      case FREEZE -> "frozen";
    };
    String subject = "[" + a.kind().tag() + "] " + a.pipeline() + ": " + what
        + (a.attempt() > 1 ? " (attempt " + a.attempt() + ")" : "");
    return fitSubject(subject);
  }

  /** Makes any text a valid SNS subject: printable ASCII, no line breaks, under 100 characters. */
  public static String fitSubject(String text) {
    StringBuilder sb = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else if (Character.isWhitespace(c)) {
        sb.append(' ');
      } else {
        sb.append('?');
      }
    }
    String s = sb.toString().replaceAll(" {2,}", " ").strip();
    if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) && "[(\"'".indexOf(s.charAt(0)) < 0) {
      s = "Baton alert " + s;
    }
    return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT - 3) + "...";
  }

  /** {@code 45s}, {@code 7m 41s}, {@code 2h 05m}. */
  public static String duration(Duration d) {
    long s = d.getSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m " + String.format("%02d", s % 60) + "s";
    }
    return s / 3600 + "h " + String.format("%02d", s % 3600 / 60) + "m";
  }

  /** The first 8 characters of an execution id, as the console shows it. */
  public static String shortId(String executionId) {
    return executionId.length() > 8 ? executionId.substring(0, 8) : executionId;
  }

  /** Where the execution stands: {@code FAILED}, or {@code running} while no pipeline state is known yet. */
  public static String state(Optional<String> state) {
    return state.orElse("still running");
  }

  /** What a link to a failed action's run is: CodeBuild logs, the CodeDeploy deployment, ... */
  public static String externalLabel(FailedAction f) {
    return switch (f.provider().orElse("")) {
      case "CodeBuild" -> "CodeBuild logs";
      case "CodeDeploy", "CodeDeployToECS" -> "CodeDeploy deployment";
      case "CloudFormation", "CloudFormationStackSet" -> "CloudFormation stack";
      case "ECS" -> "ECS service";
      case "Lambda" -> "Lambda logs";
      case "StepFunctions" -> "Step Functions execution";
      default -> f.provider().map(p -> p + " run").orElse("External run");
    };
  }
}
