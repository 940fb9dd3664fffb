package dev.baton.core.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One manual-approval request as CodePipeline sends it (User Guide, "JSON data format for manual approval
 * notifications"). The {@code token} answers it through PutApprovalResult: it is kept in DynamoDB and never leaves
 * Baton (Slack buttons carry {@link #id()}).
 *
 * @param expires when CodePipeline gives up waiting; empty when the notification's value could not be read
 */
public record ApprovalRequest(String region, String pipeline, String stage, String action, String token,
                              Optional<Instant> expires, Optional<String> customData,
                              Optional<String> externalEntityLink, Optional<String> approvalReviewLink,
                              Optional<String> consoleLink) {
  public ApprovalRequest {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(customData, "customData");
    Objects.requireNonNull(externalEntityLink, "externalEntityLink");
    Objects.requireNonNull(approvalReviewLink, "approvalReviewLink");
    Objects.requireNonNull(consoleLink, "consoleLink");
  }

  /**
   * The approval's id: the same for every delivery of one request (so duplicates meet on one record), opaque (a
   * one-way hash: it does not reveal the token), and short enough for a button value.
   */
  public String id() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((pipeline + "\n" + stage + "\n" + action + "\n" + token)
          .getBytes(StandardCharsets.UTF_8));
      return "apv-" + HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The outcome note of a request nobody decided in time ("Expired: nobody decided before ..."). */
  public String expiredNote() {
    return expiredNote(expires);
  }

  static String expiredNote(Optional<Instant> expires) {
    return "Expired: nobody decided before " + expires.map(Instant::toString).orElse("it expired") + ".";
  }

  /** pipeline / stage / action, for logs and messages. */
  public String where() {
    return pipeline + " / " + stage + " / " + action;
  }

  @Override
  public String toString() {
    return "ApprovalRequest[" + where() + ", id=" + id() + ", expires=" + expires.map(Instant::toString).orElse("?")
        + "]";
  }
}
