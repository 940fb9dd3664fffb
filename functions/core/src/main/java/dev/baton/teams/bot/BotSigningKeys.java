package dev.baton.teams.bot;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.baton.core.log.Log;
import dev.baton.teams.TeamsHttp;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The Bot Framework's token signing keys: the OpenID metadata document ({@code jwks_uri}) and the key set it names,
 * fetched on first use and kept for a day. A key id the set does not hold makes one fresh fetch (Microsoft rotates
 * keys), at most once per {@code minRefresh}, so forged tokens with made-up key ids cannot make the function fetch
 * on every request. Keys are public: nothing here is secret.
 */
public final class BotSigningKeys {
  /** Where the Bot Framework publishes its OpenID metadata (public cloud). */
  public static final String DEFAULT_METADATA_URL =
      "https://login.botframework.com/v1/.well-known/openidconfiguration";
  private static final Duration TTL = Duration.ofHours(24);

  private final TeamsHttp http;
  private final URI metadataUrl;
  private final Duration minRefresh;
  private final LongSupplier nanoClock;
  private volatile JWKSet keys;
  private volatile long fetchedAt;

  public BotSigningKeys(TeamsHttp http, URI metadataUrl, Duration minRefresh) {
    this(http, metadataUrl, minRefresh, System::nanoTime);
  }

  BotSigningKeys(TeamsHttp http, URI metadataUrl, Duration minRefresh, LongSupplier nanoClock) {
    this.http = http;
    this.metadataUrl = metadataUrl;
    this.minRefresh = minRefresh;
    this.nanoClock = nanoClock;
  }

  /** The RSA key with id {@code kid}; empty when neither the cached set nor (if allowed now) a fresh one has it. */
  public Optional<RSAKey> key(String kid) {
    JWKSet set = keys;
    long now = nanoClock.getAsLong();
    if (set == null || now - fetchedAt > TTL.toNanos()) {
      set = refresh();
    }
    Optional<RSAKey> found = find(set, kid);
    if (found.isEmpty() && nanoClock.getAsLong() - fetchedAt > minRefresh.toNanos()) {
      Log.info("token signed with a key id not in the cached key set: fetching the keys again", "kid", kid);
      found = find(refresh(), kid);
    }
    return found;
  }

  private static Optional<RSAKey> find(JWKSet set, String kid) {
    JWK k = set.getKeyByKeyId(kid);
    return k instanceof RSAKey rsa ? Optional.of(rsa) : Optional.empty();
  }

  private synchronized JWKSet refresh() {
    String jwksUri = http.get("Bot Framework OpenID metadata", metadataUrl).json("Bot Framework OpenID metadata")
        .string("jwks_uri");
    String body = http.get("Bot Framework signing keys", URI.create(jwksUri)).body();
    try {
      JWKSet set = JWKSet.parse(body);
      keys = set;
      fetchedAt = nanoClock.getAsLong();
      return set;
    } catch (ParseException e) {
      throw new IllegalStateException("the Bot Framework key set is not a JWK set: " + e.getMessage());
    }
  }
}
