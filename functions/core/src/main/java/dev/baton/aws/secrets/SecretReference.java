package dev.baton.aws.secrets;

import dev.baton.core.config.ConfigException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a secret lives, from the reference a user configures: {@code ssm:/baton/slack} (or an SSM parameter ARN)
 * is an SSM SecureString parameter, read with decryption; a Secrets Manager secret name or ARN is a secret. Anything
 * else is refused with what is wrong: a reference that names nothing would only fail on the first request.
 * The reference is safe to log; the value never is.
 */
public record SecretReference(Store store, String id) {
  /** Where the value is kept. */
  public enum Store { SECRETS_MANAGER, SSM }

  /** Secrets Manager: 1-512 of letters, digits and {@code /_+=.@-}. */
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
  private static final Pattern SECRET_ARN = Pattern.compile(
      "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}");
  /** SSM: a path of segments of letters, digits and {@code _.-}, from the root. */
  private static final Pattern SSM_PATH = Pattern.compile("(/[A-Za-z0-9_.-]+){1,15}");
  private static final Pattern SSM_ARN = Pattern.compile(
      "arn:aws[a-z-]*:ssm:[a-z0-9-]+:[0-9]{12}:parameter(/[A-Za-z0-9_.-]+){1,15}");

  public SecretReference {
    Objects.requireNonNull(store, "store");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a secret reference needs a name");
    }
  }

  /** Reads a reference; a malformed one is an {@link IllegalArgumentException} saying what a reference looks like. */
  public static SecretReference parse(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException("empty secret reference: give a Secrets Manager secret name or ARN, or "
          + "ssm:/parameter/name");
    }
    String r = reference.trim();
    if (r.startsWith("ssm:")) {
      String path = r.substring("ssm:".length());
      if (!SSM_PATH.matcher(path).matches()) {
        throw malformed(r, "an SSM parameter is ssm:/path/to/name: from the root (/), segments of letters, digits "
            + "and _ . -, at most 15 levels");
      }
      return new SecretReference(Store.SSM, path);
    }
    if (r.startsWith("arn:")) {
      if (SSM_ARN.matcher(r).matches()) {
        return new SecretReference(Store.SSM, r);
      }
      if (SECRET_ARN.matcher(r).matches()) {
        return new SecretReference(Store.SECRETS_MANAGER, r);
      }
      throw malformed(r, "an ARN here is a Secrets Manager secret's (arn:aws:secretsmanager:<region>:<account>:"
          + "secret:<name>) or an SSM parameter's (arn:aws:ssm:<region>:<account>:parameter/<path>)");
    }
    if (!SECRET_NAME.matcher(r).matches()) {
      throw malformed(r, "a Secrets Manager secret name is 1-512 letters, digits and / _ + = . @ -");
    }
    return new SecretReference(Store.SECRETS_MANAGER, r);
  }

  /**
   * The reference in environment variable {@code env}, which the stack sets from its parameter {@code parameter}:
   * unset or malformed, the function's start fails with a {@link ConfigException} naming both.
   */
  public static SecretReference fromEnvironment(String env, String parameter) {
    return optionalFromEnvironment(env, parameter).orElseThrow(() -> new ConfigException(setting(env, parameter)
        + " is not set: name the Slack secret (a Secrets Manager secret, or ssm:/path of an SSM SecureString)"));
  }

  /** Like {@link #fromEnvironment}, for a setting that may be empty (nothing configured). */
  public static Optional<SecretReference> optionalFromEnvironment(String env, String parameter) {
    String value = System.getenv(env);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(value));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting(env, parameter) + ": " + e.getMessage(), e);
    }
  }

  private static String setting(String env, String parameter) {
    return env + " (the stack's " + parameter + " parameter)";
  }

  private static IllegalArgumentException malformed(String reference, String rule) {
    return new IllegalArgumentException("\"" + reference + "\" is not a secret reference: " + rule);
  }

  @Override
  public String toString() {
    return store == Store.SSM && !id.startsWith("arn:") ? "ssm:" + id : id;
  }
}
