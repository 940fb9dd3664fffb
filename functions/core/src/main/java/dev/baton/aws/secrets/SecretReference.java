package dev.baton.aws.secrets;

import java.util.Objects;

/**
 * Where a secret lives, from the reference a user configures: {@code ssm:/baton/slack} (or an SSM parameter ARN)
 * is an SSM SecureString parameter, read with decryption; anything else is a Secrets Manager secret name or ARN.
 * The reference is safe to log; the value never is.
 */
public record SecretReference(Store store, String id) {
  /** Where the value is kept. */
  public enum Store { SECRETS_MANAGER, SSM }

  public SecretReference {
    Objects.requireNonNull(store, "store");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a secret reference needs a name");
    }
  }

  public static SecretReference parse(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException("empty secret reference: give a Secrets Manager secret name or ARN, or "
          + "ssm:/parameter/name");
    }
    String r = reference.trim();
    if (r.startsWith("ssm:")) {
      return new SecretReference(Store.SSM, r.substring("ssm:".length()));
    }
    if (r.startsWith("arn:") && r.contains(":ssm:") && r.contains(":parameter/")) {
      return new SecretReference(Store.SSM, r);
    }
    return new SecretReference(Store.SECRETS_MANAGER, r);
  }

  @Override
  public String toString() {
    return store == Store.SSM && !id.startsWith("arn:") ? "ssm:" + id : id;
  }
}
