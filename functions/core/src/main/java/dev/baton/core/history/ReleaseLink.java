package dev.baton.core.history;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The S3 upload that started an execution (the link item release-trigger writes beside the execution), or the
 * artifact a release asked for from Slack ({@code /baton release}) started it with again: then {@code requestedBy}
 * is the Slack member who asked and confirmed ({@code requestedByName} the name Slack gave), and
 * {@code requestedAt} when they confirmed.
 */
public record ReleaseLink(String bucket, String key, Optional<String> versionId, String rule, Instant requestedAt,
                          Map<String, String> variables, Optional<String> requestedBy,
                          Optional<String> requestedByName) {
  public ReleaseLink {
    variables = Map.copyOf(variables);
  }

  /** Who asked, as Baton shows it: {@code Slack user U0ALICE (alice)}. */
  public Optional<String> requester() {
    return requestedBy.map(id -> "Slack user " + id + requestedByName.map(n -> " (" + n + ")").orElse(""));
  }

  public String s3Url() {
    return "s3://" + bucket + "/" + key + versionId.map(v -> "?versionId=" + v).orElse("");
  }
}
