package dev.baton.aws.secrets;

import dev.baton.aws.LeanAwsClient;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.runtime.Lazy;
import dev.baton.core.runtime.Env;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Secrets for the process, read once and cached for a TTL (default 5 minutes, {@code BATON_SECRET_TTL_SECONDS}), so
 * a warm function does not call AWS per request and a rotated secret is picked up within the TTL.
 *
 * <p>The reference chooses the store ({@link SecretReference}): a Secrets Manager secret name or ARN
 * (GetSecretValue), or {@code ssm:/path} for an SSM SecureString parameter (GetParameter WithDecryption). A secret
 * may hold one value, or a JSON object with named fields, e.g. {@code {"signingSecret": "...", "botToken": "..."}}.
 *
 * <p>Values are never logged and never appear in an exception message. Each store's client is built on first use
 * only, so a function that reads only Secrets Manager never pays for an SSM client at cold start.
 */
public final class SecretLoader {
  public static final String TTL_ENV = "BATON_SECRET_TTL_SECONDS";
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private final Supplier<SecretSource> secretsManager;
  private final Supplier<SecretSource> ssm;
  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private final Map<SecretReference, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(String value, long fetchedAt, JsonObject[] fields) {}

  private SecretLoader(Builder b) {
    this.secretsManager = Lazy.of(b.secretsManager);
    this.ssm = Lazy.of(b.ssm);
    this.ttlNanos = b.ttl.toNanos();
    this.nanoClock = b.nanoClock;
  }

  /**
   * The loader the functions use: the process's clients ({@link LeanAwsClient#of}, built when first needed), TTL
   * from the environment.
   */
  public static SecretLoader fromEnvironment() {
    Duration ttl = Env.optional(TTL_ENV).map(v -> {
      try {
        return Duration.ofSeconds(Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        throw new dev.baton.core.config.ConfigException(TTL_ENV + " must be a whole number of seconds");
      }
    }).orElse(DEFAULT_TTL);
    return builder().ttl(ttl).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The whole value of the secret at {@code reference}. */
  public String value(String reference) {
    return entry(SecretReference.parse(reference)).value;
  }

  /** The string field {@code field} of the JSON object the secret at {@code reference} holds. */
  public String field(String reference, String field) {
    SecretReference ref = SecretReference.parse(reference);
    Entry e = entry(ref);
    JsonObject json = e.fields[0];
    if (json == null) {
      try {
        json = Json.parseObject(e.value);
      } catch (MalformedJsonException notJson) {
        // The parser's message quotes what it could not read, a character of the secret: it must not reach a log.
        throw new SecretException("secret " + ref + " is not a JSON object; expected {\"" + field
            + "\": \"...\", ...}");
      }
      e.fields[0] = json;
    }
    Object v = json.asMap().get(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new SecretException("secret " + ref + " has no text field \"" + field + "\" (fields: " + json.keys() + ")");
    }
    return s;
  }

  /** A supplier of one field that always gives the cached (or, past the TTL, refreshed) value. */
  public Supplier<String> fieldSupplier(String reference, String field) {
    SecretReference.parse(reference);
    return () -> field(reference, field);
  }

  /** Forgets a cached value (e.g. after Slack said {@code invalid_auth}), so the next read fetches it again. */
  public void invalidate(String reference) {
    cache.remove(SecretReference.parse(reference));
  }

  private Entry entry(SecretReference ref) {
    long now = nanoClock.getAsLong();
    Entry e = cache.get(ref);
    if (e != null && now - e.fetchedAt < ttlNanos) {
      return e;
    }
    synchronized (this) {
      e = cache.get(ref);
      if (e != null && nanoClock.getAsLong() - e.fetchedAt < ttlNanos) {
        return e;
      }
      SecretSource source = ref.store() == SecretReference.Store.SSM ? ssm.get() : secretsManager.get();
      String value = source.fetch(ref);
      Entry fresh = new Entry(value, nanoClock.getAsLong(), new JsonObject[1]);
      cache.put(ref, fresh);
      return fresh;
    }
  }

  /** Options for a {@link SecretLoader}. */
  public static final class Builder {
    private Supplier<SecretSource> secretsManager = () -> new SecretsManagerSource(
        LeanAwsClient.of(LeanAwsClient.SECRETS_MANAGER));
    private Supplier<SecretSource> ssm = () -> new SsmSource(LeanAwsClient.of(LeanAwsClient.SSM));
    private Duration ttl = DEFAULT_TTL;
    private LongSupplier nanoClock = System::nanoTime;

    private Builder() {}

    /** The Secrets Manager client to use (default: the process's, {@link LeanAwsClient#of}, on first use). */
    public Builder secretsManager(LeanAwsClient client) {
      Objects.requireNonNull(client, "client");
      this.secretsManager = () -> new SecretsManagerSource(client);
      return this;
    }

    /** The SSM client to use (default: the process's, {@link LeanAwsClient#of}, on first use). */
    public Builder ssm(LeanAwsClient client) {
      Objects.requireNonNull(client, "client");
      this.ssm = () -> new SsmSource(client);
      return this;
    }

    /** How long a value is used before it is read again (default 5 minutes; 0 reads every time). */
    public Builder ttl(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("ttl must not be negative");
      }
      this.ttl = ttl;
      return this;
    }

    Builder nanoClock(LongSupplier clock) {
      this.nanoClock = clock;
      return this;
    }

    public SecretLoader build() {
      return new SecretLoader(this);
    }
  }

  @Override
  public String toString() {
    return "SecretLoader" + cache.keySet();
  }
}
