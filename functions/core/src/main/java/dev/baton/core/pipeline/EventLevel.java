package dev.baton.core.pipeline;

import java.util.Optional;

/** What a CodePipeline state-change event is about, by its EventBridge {@code detail-type}. */
public enum EventLevel {
  PIPELINE("CodePipeline Pipeline Execution State Change"),
  STAGE("CodePipeline Stage Execution State Change"),
  ACTION("CodePipeline Action Execution State Change");

  private final String detailType;

  EventLevel(String detailType) {
    this.detailType = detailType;
  }

  /** The EventBridge {@code detail-type} of this level's events. */
  public String detailType() {
    return detailType;
  }

  public static Optional<EventLevel> ofDetailType(String detailType) {
    for (EventLevel level : values()) {
      if (level.detailType.equals(detailType)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
