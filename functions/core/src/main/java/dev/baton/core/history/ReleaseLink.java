package dev.baton.core.history;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The S3 upload that started an execution (the link item release-trigger writes beside the execution). */
public record ReleaseLink(String bucket, String key, Optional<String> versionId, String rule, Instant requestedAt,
                          Map<String, String> variables) {
  public ReleaseLink {
    variables = Map.copyOf(variables);
  }

  public String s3Url() {
    return "s3://" + bucket + "/" + key + versionId.map(v -> "?versionId=" + v).orElse("");
  }
}
