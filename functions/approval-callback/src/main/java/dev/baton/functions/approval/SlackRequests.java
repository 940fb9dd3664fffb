package dev.baton.functions.approval;

import dev.baton.aws.priming.PrimingRun;
import dev.baton.core.approval.Approval;
import dev.baton.core.approval.HandOff;
import dev.baton.core.json.Json;
import dev.baton.core.runtime.FormBody;
import dev.baton.slack.SlackSignature;
import dev.baton.slack.approval.ApprovalBlocks;
import dev.baton.slack.approval.ApprovalClaims;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack's requests to the callback as {@link CallbackPriming} makes them: the bodies Slack posts (Slack API,
 * "block_actions payload", "view_submission payload", "Implementing slash commands"), signed with
 * {@code signingSecret} as Slack signs ({@code v0:<timestamp>:<body>}), wrapped as the Function URL hands them over
 * (payload 2.0, base64 body) and given to the callback ({@link CallbackWiring#callback}). Returns its answers.
 */
final class SlackRequests {
  private static final Map<String, Object> TEAM = Map.of("id", "T0PRIMING", "domain", "priming");
  private static final Map<String, Object> CHANNEL = Map.of("id", "C0PRIMING", "name", "priming");
  private static final Map<String, Object> CONTAINER = Map.of("type", "message", "message_ts", "0000000000.000001",
      "channel_id", "C0PRIMING");
  private static final String RESPONSE_URL = "https://hooks.slack.com/actions/T0PRIMING/0000000000/priming";

  private final String signingSecret;
  private final CallbackWiring wiring;
  private final HandOff handOff;

  SlackRequests(String signingSecret, CallbackWiring wiring, HandOff handOff) {
    this.signingSecret = signingSecret;
    this.wiring = wiring;
    this.handOff = handOff;
  }

  /** A request whose signature is not Slack's (refused with 401 before anything is read). */
  String unsigned() {
    return expect(401, send(form(Map.of("payload", "{}")), "v0=" + "0".repeat(64)));
  }

  /** A click on {@code a}'s message button {@code actionId} (Approve or Reject) by {@code user}. */
  String click(Approval a, String actionId, String user) {
    return interaction(Map.of("action_id", actionId, "block_id", "baton_approval",
        "value", ApprovalClaims.buttonValue(a)), user);
  }

  /** A click on a {@code /baton release} confirmation's button {@code actionId} carrying the claim {@code value}. */
  String releaseClick(String actionId, String value, String user) {
    return interaction(Map.of("action_id", actionId, "block_id", "baton_release", "value", value), user);
  }

  /** The submission of {@code view} (the reject or break-glass form Baton opened) with a reason. */
  String submit(Map<String, Object> view, String user) {
    Map<String, Object> submitted = new LinkedHashMap<>(view);
    submitted.put("id", "V0PRIMING");
    submitted.put("state", Map.of("values", Map.of(ApprovalBlocks.REASON_BLOCK, Map.of(ApprovalBlocks.REASON_INPUT,
        Map.of("type", "plain_text_input", "value", "priming")))));
    return signed(form(Map.of("payload", Json.write(Map.of("type", "view_submission", "team", TEAM,
        "user", user(user), "trigger_id", "priming", "view", submitted)))));
  }

  /** {@code /baton text} typed by {@code user} in the priming channel. */
  String command(String text, String user) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("team_id", "T0PRIMING");
    fields.put("channel_id", "C0PRIMING");
    fields.put("channel_name", "priming");
    fields.put("user_id", user);
    fields.put("user_name", "priming");
    fields.put("command", "/baton");
    fields.put("text", text);
    fields.put("response_url", "https://hooks.slack.com/commands/T0PRIMING/0000000000/priming");
    fields.put("trigger_id", "priming");
    return signed(form(fields));
  }

  private String interaction(Map<String, Object> action, String user) {
    return signed(form(Map.of("payload", Json.write(Map.of("type", "block_actions", "team", TEAM,
        "user", user(user), "channel", CHANNEL, "container", CONTAINER, "trigger_id", "priming",
        "response_url", RESPONSE_URL, "actions", List.of(action))))));
  }

  private static Map<String, Object> user(String id) {
    return Map.of("id", id, "username", "priming", "name", "priming", "team_id", "T0PRIMING");
  }

  private static byte[] form(Map<String, ?> fields) {
    return FormBody.encode(fields).getBytes(StandardCharsets.UTF_8);
  }

  private String signed(byte[] body) {
    String ts = String.valueOf(Instant.now().getEpochSecond());
    return expect(200, send(body, ts, "v0=" + SlackSignature.sign(signingSecret, ts, body)));
  }

  /** {@code answer}, if it has HTTP {@code status} ({@link PrimingRun#expectStatus}). */
  private static String expect(int status, String answer) {
    PrimingRun.expectStatus(answer, status);
    return answer;
  }

  private String send(byte[] body, String signature) {
    return send(body, String.valueOf(Instant.now().getEpochSecond()), signature);
  }

  private String send(byte[] body, String ts, String signature) {
    String request = Json.write(Map.of("version", "2.0", "rawPath", "/", "headers", Map.of(
            "content-type", "application/x-www-form-urlencoded", "x-slack-request-timestamp", ts,
            "x-slack-signature", signature),
        "requestContext", Map.of("http", Map.of("method", "POST", "path", "/", "sourceIp", "127.0.0.1")),
        "body", java.util.Base64.getEncoder().encodeToString(body), "isBase64Encoded", true));
    return wiring.answer(Json.parseObject(request), System.nanoTime(), handOff);
  }
}
