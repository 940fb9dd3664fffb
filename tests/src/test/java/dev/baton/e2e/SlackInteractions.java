package dev.baton.e2e;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.SampleTime;
import dev.baton.slack.SlackSignature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Function URL requests as Slack's interactivity sends them: the envelope of events/function-url-slack-interaction.json
 * with a form body ({@code payload=<JSON>}) and the signing headers, signed with the given secret and timestamp.
 */
final class SlackInteractions {
  static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

  private SlackInteractions() {}

  /**
   * The form body of {@code payloadJson}, moved to the present like the approval samples
   * ({@link ApprovalStackTest#SHIFT}): the approval's expiry a button claims is the stored one.
   */
  static byte[] form(String payloadJson) {
    return ("payload=" + URLEncoder.encode(SampleTime.shift(payloadJson, ApprovalStackTest.SHIFT),
        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  /** A request Slack would send now. */
  static String signed(byte[] body) {
    return request(body, Instant.now().getEpochSecond(), true, SIGNING_SECRET, "application/x-www-form-urlencoded");
  }

  static String request(byte[] body, long timestamp, boolean base64, String secret, String contentType) {
    String ts = Long.toString(timestamp);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", contentType);
    headers.put("x-slack-request-timestamp", ts);
    headers.put("x-slack-signature", "v0=" + SlackSignature.sign(secret, ts, body));
    return envelope(body, base64, headers);
  }

  /** The envelope with {@code body} and exactly these Slack headers (others as the sample has them). */
  @SuppressWarnings("unchecked")
  static String envelope(byte[] body, boolean base64, Map<String, String> slackHeaders) {
    JsonObject sample = Json.parseObject(Events.load("function-url-slack-interaction.json"));
    Map<String, Object> event = new LinkedHashMap<>(sample.asMap());
    Map<String, Object> headers = new LinkedHashMap<>((Map<String, Object>) event.get("headers"));
    headers.remove("content-type");
    headers.remove("x-slack-request-timestamp");
    headers.remove("x-slack-signature");
    headers.putAll(slackHeaders);
    headers.put("content-length", Integer.toString(body.length));
    event.put("headers", headers);
    event.put("body", base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
    event.put("isBase64Encoded", base64);
    return Json.write(event);
  }

  /** A sample payload with the user replaced. */
  static String asUser(String sample, String userId, String name) {
    Map<String, Object> payload = new LinkedHashMap<>(Json.parseObject(Events.load(sample)).asMap());
    payload.put("user", Map.of("id", userId, "username", name, "name", name, "team_id", "T0BATON"));
    return Json.write(payload);
  }
}
