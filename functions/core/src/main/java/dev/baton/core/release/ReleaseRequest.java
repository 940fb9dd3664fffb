package dev.baton.core.release;

import java.time.Instant;
import java.util.Objects;

/**
 * A release asked for from chat, waiting for its confirmation: start {@code pipeline} again with the artifact of the
 * release record {@code ref} (of {@code bucket}/{@code key}), as {@code userId} asked, confirmed before
 * {@code expires}. {@code id} names the request: the same pipeline, artifact and release history give the same id,
 * so two confirmations of it start one execution.
 */
public record ReleaseRequest(String id, String pipeline, String bucket, String key, String ref, String userId,
                             Instant expires) {
  public ReleaseRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(expires, "expires");
  }
}
