package dev.baton.core.history;

import java.time.Instant;
import java.util.Objects;

/**
 * The change an execution delivers, where its lead time starts: a Git commit (its author date), an S3 upload (when
 * release-trigger released it), or, when neither is known, the start of the first execution of the chain.
 * A promoted execution carries the origin of the first pipeline of its chain.
 *
 * @param ref what the change is: the commit id, the {@code s3://} URL of the upload, or the first execution
 *     ({@code <pipeline>/<execution id>})
 */
public record ChangeOrigin(Kind kind, Instant at, String ref) {
  public enum Kind { COMMIT, UPLOAD, START }

  public ChangeOrigin {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(ref, "ref");
  }
}
