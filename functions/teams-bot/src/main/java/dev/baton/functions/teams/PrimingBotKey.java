package dev.baton.functions.teams;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.teams.bot.BotTokenVerifier;
import java.time.Instant;
import java.util.Date;

/**
 * The key priming signs its activities with, as the Bot Framework signs the ones it sends: an RSA key pair made once
 * per process on first use (making one takes a noticeable moment; the rounds share it). Its public half is published
 * only to the Bot Framework stand-in ({@code PrimingTeams}); the real verifier never sees it, since its keys come
 * from the Bot Framework through the real connection.
 */
final class PrimingBotKey {
  static final String KEY_ID = "priming";
  private static final RSAKey KEY = generate();

  private PrimingBotKey() {}

  private static RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("the priming key could not be made", e);
    }
  }

  /** The key set the Bot Framework stand-in publishes: the public half only. */
  static String keySet() {
    return new JWKSet(KEY.toPublicJWK()).toString();
  }

  /**
   * A token as the Bot Framework issues one for an activity from {@code serviceUrl} to the bot {@code appId}:
   * RS256 with the key's id, issuer {@link BotTokenVerifier#ISSUER}, valid for five minutes.
   */
  static String token(String appId, String serviceUrl) {
    try {
      Instant now = Instant.now();
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(),
          new JWTClaimsSet.Builder().issuer(BotTokenVerifier.ISSUER).audience(appId)
              .notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(300)))
              .claim(BotTokenVerifier.SERVICE_URL_CLAIM, serviceUrl).build());
      jwt.sign(new RSASSASigner(KEY));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("the priming token could not be signed", e);
    }
  }
}
