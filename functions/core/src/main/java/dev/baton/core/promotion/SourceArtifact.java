package dev.baton.core.promotion;

import dev.baton.core.release.SourceRevision;
import java.util.Objects;
import java.util.Optional;

/**
 * One revision the source execution ran with: an S3 object version (with its key when Baton released it) or a Git
 * commit. {@code name} is the source execution's artifact name when CodePipeline reported it.
 */
public record SourceArtifact(Optional<String> name, SourceRevision.Type type, String value, Optional<String> key) {
  public SourceArtifact {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    name = name.filter(n -> !n.isBlank());
    key = key.filter(k -> !k.isBlank());
  }

  /** {@code TYPE=value}, as stored on the promotion link. */
  public String stored() {
    return type.name() + "=" + value;
  }
}
