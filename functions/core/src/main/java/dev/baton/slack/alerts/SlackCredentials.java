package dev.baton.slack.alerts;

import dev.baton.aws.secrets.SecretException;
import dev.baton.aws.secrets.SecretLoader;
import java.util.Optional;

/**
 * The Slack credentials alerts use, from one secret (Secrets Manager, or {@code ssm:/...} SecureString): a JSON
 * object with {@code botToken} and/or {@code webhookUrl}, or just a bot token ({@code xoxb-...}), or just an incoming
 * webhook URL. Read through the {@link SecretLoader}, so cached and refreshed after its TTL; never logged.
 */
public final class SlackCredentials {
  private final SecretLoader loader;
  private final Optional<String> reference;

  public SlackCredentials(SecretLoader loader, Optional<String> reference) {
    this.loader = loader;
    this.reference = reference.map(String::strip).filter(r -> !r.isEmpty());
  }

  public boolean configured() {
    return reference.isPresent();
  }

  /** Where the secret is (safe to log). */
  public String describe() {
    return reference.orElse("(no Slack secret configured)");
  }

  public Optional<String> botToken() {
    return read("botToken", "xox");
  }

  public Optional<String> webhookUrl() {
    return read("webhookUrl", "https://");
  }

  /** Forgets the cached value (after Slack said the token is not valid: it may have been rotated). */
  public void invalidate() {
    reference.ifPresent(loader::invalidate);
  }

  private Optional<String> read(String field, String plainPrefix) {
    if (reference.isEmpty()) {
      return Optional.empty();
    }
    String value = loader.value(reference.get()).strip();
    if (value.startsWith("{")) {
      try {
        return Optional.of(loader.field(reference.get(), field).strip());
      } catch (SecretException noSuchField) {
        return Optional.empty();
      }
    }
    if (value.startsWith("xox") || value.startsWith("https://")) {
      return value.startsWith(plainPrefix) ? Optional.of(value) : Optional.empty();
    }
    throw new SecretException("secret " + reference.get() + " holds neither a Slack bot token (xoxb-...), an incoming "
        + "webhook URL (https://hooks.slack.com/...), nor a JSON object with \"botToken\" / \"webhookUrl\"");
  }
}
