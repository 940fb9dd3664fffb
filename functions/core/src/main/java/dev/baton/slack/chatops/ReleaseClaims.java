package dev.baton.slack.chatops;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.release.ReleaseRequest;
import dev.baton.slack.SlackSignature;
import dev.baton.slack.approval.InvalidInteractionException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The claim a {@code /baton release} confirmation button carries: the {@link ReleaseRequest} (request id, pipeline,
 * the release record it repeats, who asked, until when) as JSON, with an HMAC-SHA256 over it keyed by the Slack
 * signing secret (its base string {@code v0:baton-release-claim:<json>} can never be a Slack request's, whose middle
 * part is a number). Slack's signature says the click came from Slack; this one says Baton made the button, so a
 * value edited or copied from another request is refused before anything is read or written.
 */
public final class ReleaseClaims {
  /** Block Kit's limit on a button's value. */
  static final int MAX_VALUE = 2000;
  private static final String PURPOSE = "baton-release-claim";

  private final Supplier<String> signingSecret;

  public ReleaseClaims(Supplier<String> signingSecret) {
    this.signingSecret = signingSecret;
  }

  /** The button value of {@code r}. */
  public String value(ReleaseRequest r) {
    Map<String, Object> fields = fields(r);
    fields.put("sig", sign(Json.write(fields)));
    String value = Json.write(fields);
    if (value.length() > MAX_VALUE) {
      throw new IllegalArgumentException("the release's key is too long for a Slack button (" + value.length()
          + " characters; at most " + MAX_VALUE + ")");
    }
    return value;
  }

  /** The request a button value claims, if Baton signed it; an {@link InvalidInteractionException} otherwise. */
  public ReleaseRequest read(String value) {
    JsonObject json;
    ReleaseRequest r;
    try {
      json = Json.parseObject(value);
      r = new ReleaseRequest(json.string("id"), json.string("pipeline"), json.string("bucket"), json.string("key"),
          json.string("ref"), json.string("user"), Instant.parse(json.string("expires")));
    } catch (MalformedJsonException | DateTimeParseException e) {
      throw new InvalidInteractionException("the release button's value is not Baton's");
    }
    byte[] expected = sign(Json.write(fields(r))).getBytes(StandardCharsets.US_ASCII);
    byte[] given = json.optString("sig").orElse("").getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new InvalidInteractionException("the release button's claim is not signed by Baton");
    }
    return r;
  }

  private static Map<String, Object> fields(ReleaseRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("pipeline", r.pipeline());
    m.put("bucket", r.bucket());
    m.put("key", r.key());
    m.put("ref", r.ref());
    m.put("user", r.userId());
    m.put("expires", r.expires().toString());
    return m;
  }

  private String sign(String claim) {
    return SlackSignature.sign(signingSecret.get(), PURPOSE, claim.getBytes(StandardCharsets.UTF_8));
  }
}
