package dev.baton.core.alerts;

import java.util.Objects;

/**
 * Names one message Baton sends about an execution attempt: its main alert ({@link #MAIN}), or the follow-up about
 * one more failed action ({@code ACTION#<stage>#<action>}). Exactly one notice exists per key: that is the dedupe.
 */
public record NoticeKey(String pipeline, String executionId, int attempt, String id) {
  public static final String MAIN = "MAIN";

  public NoticeKey {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(id, "id");
  }

  public static NoticeKey main(String pipeline, String executionId, int attempt) {
    return new NoticeKey(pipeline, executionId, attempt, MAIN);
  }

  public static NoticeKey action(String pipeline, String executionId, int attempt, String stage, String action) {
    return new NoticeKey(pipeline, executionId, attempt, "ACTION#" + stage + "#" + action);
  }

  public boolean isMain() {
    return id.equals(MAIN);
  }

  @Override
  public String toString() {
    return pipeline + "/" + executionId + "#" + attempt + "/" + id;
  }
}
