package dev.baton.teams.bot;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies the token the Bot Framework puts on every activity it sends the bot ({@code Authorization: Bearer <JWT>}),
 * as the Bot Framework's authentication document prescribes: RS256 only (no {@code alg: none}, no HMAC), the
 * signature against the published key with the header's {@code kid} ({@link BotSigningKeys}), issuer
 * {@code https://api.botframework.com}, the bot's app id among the audiences, {@code exp} and {@code nbf} with a
 * small clock skew, and the {@code serviceurl} claim equal to the activity's {@code serviceUrl}. Any failure is an
 * {@link UnauthorizedActivityException}; the caller answers 401 and does nothing else.
 */
public final class BotTokenVerifier {
  public static final String ISSUER = "https://api.botframework.com";
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(2);
  /** The claim naming the service URL the token was issued for: lower case, as the Bot Framework issues it. */
  public static final String SERVICE_URL_CLAIM = "serviceurl";

  private final BotSigningKeys keys;
  private final String appId;
  private final Duration skew;
  private final Clock clock;

  public BotTokenVerifier(BotSigningKeys keys, String appId, Duration skew, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.appId = Objects.requireNonNull(appId, "appId");
    this.skew = skew;
    this.clock = clock;
  }

  /**
   * @param authorization the request's {@code Authorization} header, if any
   * @param serviceUrl the activity's {@code serviceUrl}, which the token must name
   */
  public void verify(Optional<String> authorization, String serviceUrl) throws UnauthorizedActivityException {
    String header = authorization.map(String::strip).orElseThrow(() -> refuse("no Authorization header"));
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw refuse("the Authorization header is not a bearer token");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(header.substring(7).strip());
    } catch (ParseException e) {
      throw refuse("the bearer token is not a signed JWT");
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      throw refuse("the token is signed with " + jwt.getHeader().getAlgorithm() + ", not RS256");
    }
    String kid = jwt.getHeader().getKeyID();
    if (kid == null || kid.isBlank()) {
      throw refuse("the token names no key id");
    }
    RSAKey key = keys.key(kid).orElseThrow(() -> refuse("the token's key id is not one of the Bot Framework's keys"));
    try {
      if (!jwt.verify(new RSASSAVerifier(key))) {
        throw refuse("the token's signature does not verify");
      }
    } catch (JOSEException e) {
      throw refuse("the token's signature cannot be checked: " + e.getMessage());
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw refuse("the token's claims are not JSON");
    }
    if (!ISSUER.equals(claims.getIssuer())) {
      throw refuse("the token's issuer is not " + ISSUER);
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(appId)) {
      throw refuse("the token is not meant for this bot (audience)");
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null || !now.minus(skew).isBefore(exp.toInstant())) {
      throw refuse("the token has expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
      throw refuse("the token is not valid yet");
    }
    Object claimed = claims.getClaim(SERVICE_URL_CLAIM);
    if (!(claimed instanceof String s) || !sameServiceUrl(s, serviceUrl)) {
      throw refuse("the token's serviceUrl is not the activity's");
    }
  }

  private static boolean sameServiceUrl(String a, String b) {
    return b != null && trim(a).equalsIgnoreCase(trim(b));
  }

  private static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static UnauthorizedActivityException refuse(String why) {
    return new UnauthorizedActivityException(why);
  }
}
