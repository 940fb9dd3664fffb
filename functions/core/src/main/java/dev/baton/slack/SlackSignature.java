package dev.baton.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing ("Verifying requests from Slack"): {@code v0=} + hex HMAC-SHA256(signing secret,
 * {@code v0:<X-Slack-Request-Timestamp>:<raw body>}) must equal {@code X-Slack-Signature}, compared in constant time,
 * and the timestamp must be within 5 minutes of now (a captured request cannot be replayed later). Checked on the
 * raw bytes as received; anything cheap to refuse (size, headers, timestamp) is refused before the secret is read.
 * Both headers are read strictly, as Slack writes them: the timestamp as 1 to 12 digits (so no value can overflow
 * the comparison with the clock), the signature as {@code v0=} and 64 lowercase hex digits.
 */
public final class SlackSignature {
  public static final Duration MAX_AGE = Duration.ofMinutes(5);
  /** Slack's interaction payloads are a few KB; a message at Block Kit's limits stays well under this. */
  public static final int MAX_BODY_BYTES = 256 * 1024;
  /** Seconds since the epoch as Slack writes them: digits only, no sign, no leading zero, no padding. */
  private static final Pattern TIMESTAMP = Pattern.compile("[1-9][0-9]{0,11}");
  private static final Pattern SIGNATURE = Pattern.compile("v0=[0-9a-f]{64}");

  private final Supplier<String> signingSecret;
  private final Clock clock;

  public SlackSignature(Supplier<String> signingSecret, Clock clock) {
    this.signingSecret = signingSecret;
    this.clock = clock;
  }

  /** Why the request is refused (for the log, never echoing the secret); empty when it is genuine. */
  public Optional<String> refusal(String timestamp, String signature, byte[] body) {
    if (body.length > MAX_BODY_BYTES) {
      return Optional.of("body of " + body.length + " bytes is over the " + MAX_BODY_BYTES + "-byte limit");
    }
    if (timestamp == null || timestamp.isBlank()) {
      return Optional.of("no X-Slack-Request-Timestamp header");
    }
    if (signature == null || signature.isBlank()) {
      return Optional.of("no X-Slack-Signature header");
    }
    if (!TIMESTAMP.matcher(timestamp).matches()) {
      return Optional.of("X-Slack-Request-Timestamp is not a Unix time in seconds (1 to 12 digits, nothing else)");
    }
    // At most 12 digits on either side: the difference cannot overflow.
    long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
    if (skew > MAX_AGE.toSeconds()) {
      return Optional.of("timestamp is " + skew + " s away from now (limit " + MAX_AGE.toSeconds() + " s)");
    }
    if (!SIGNATURE.matcher(signature).matches()) {
      return Optional.of("X-Slack-Signature is not a v0 signature");
    }
    byte[] expected = ("v0=" + sign(signingSecret.get(), timestamp, body)).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("signature does not match");
    }
    return Optional.empty();
  }

  /** Hex HMAC-SHA256 of {@code v0:<timestamp>:<body>} (what Slack computes; also used by local tools and tests). */
  public static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
