package dev.baton.core.promotion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** What a promotion is about, and what makes it happen once: one source execution, one target pipeline. */
public record PromotionKey(String sourcePipeline, String sourceExecutionId, String target) {
  public PromotionKey {
    Objects.requireNonNull(sourcePipeline, "sourcePipeline");
    Objects.requireNonNull(sourceExecutionId, "sourceExecutionId");
    Objects.requireNonNull(target, "target");
  }

  /** The {@code clientRequestToken} of the start: the same for every attempt of this promotion. */
  public String clientRequestToken() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(("promotion\n" + sourcePipeline + "\n"
          + sourceExecutionId + "\n" + target).getBytes(StandardCharsets.UTF_8));
      return "baton-" + HexFormat.of().formatHex(digest, 0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return sourcePipeline + " " + sourceExecutionId + " -> " + target;
  }
}
