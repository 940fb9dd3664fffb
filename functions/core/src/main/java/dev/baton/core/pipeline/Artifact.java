package dev.baton.core.pipeline;

import java.util.Objects;
import java.util.Optional;

/** One of an action's {@code input-artifacts} / {@code output-artifacts}: its name and S3 location. */
public record Artifact(String name, Optional<String> bucket, Optional<String> key) {
  public Artifact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
  }
}
