package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.core.json.Json;
import dev.baton.local.Invocation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code /baton} commands through the packaged approval callback: the sample command with another text and user,
 * signed as Slack signs it; the answer Slack is to show; the usage every wrong command gets.
 */
abstract class CommandStackTest extends ApprovalStackTest {
  static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);
  static final String USAGE = String.join("\n",
      "`/baton status [pipeline]`: the latest execution of each pipeline (or of one)",
      "`/baton history <pipeline> [n]`: its newest n executions (default 10, at most 25)",
      "`/baton dora [pipeline] [days]`: the DORA metrics of one pipeline or all, over the last days (default 30, "
          + "at most 365)",
      "`/baton release <pipeline> [version]`: start it again with its newest release, or the one named by its S3 "
          + "version id, key, file name or execution id; asks you to confirm first",
      "`/baton freezes`: what is frozen now, and by what",
      "`/baton freeze <pipeline,...|all> <duration|until> <reason>`: freeze, e.g. "
          + "`/baton freeze payments-deploy 2h incident 4711` or `/baton freeze all 2026-12-24T08:00Z holidays`",
      "`/baton unfreeze <pipeline,...|all>`: end the freezes declared here (configured windows stay)",
      "`/baton help`: this");

  /** The sample command (events/slack-slash-command.json) with this text, by this user, form-encoded as Slack does. */
  static byte[] command(String text, String userId) {
    Map<String, Object> fields = new LinkedHashMap<>(Json.parseObject(Events.load("slack-slash-command.json")).asMap());
    fields.put("text", text);
    fields.put("user_id", userId);
    fields.put("user_name", userId.substring(2).toLowerCase());
    return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8)).collect(Collectors.joining("&"))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A click on a {@code /baton release} confirmation (events/slack-block-actions-release-start.json) carrying the
   * claim {@code value}, by {@code userId}, on Start or Cancel, answered at {@code responseUrl}; form-encoded.
   */
  @SuppressWarnings("unchecked")
  static byte[] releaseClick(String value, String userId, boolean start, String responseUrl) {
    Map<String, Object> payload = new LinkedHashMap<>(Json.parseObject(SlackInteractions.asUser(
        "slack-block-actions-release-start.json", userId, userId.substring(2).toLowerCase())).asMap());
    Map<String, Object> action = new LinkedHashMap<>((Map<String, Object>) ((List<Object>) payload.get("actions"))
        .getFirst());
    action.put("value", value);
    action.put("action_id", start ? "baton_release_start" : "baton_release_cancel");
    payload.put("actions", List.of(action));
    payload.put("response_url", responseUrl);
    return ("payload=" + URLEncoder.encode(Json.write(payload), StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The Start button's value (the signed claim) in the answer to {@code /baton release}. */
  @SuppressWarnings("unchecked")
  static String buttonValue(Map<String, Object> proposal) {
    List<Object> blocks = (List<Object>) proposal.get("blocks");
    Map<String, Object> actions = (Map<String, Object>) blocks.getLast();
    assertEquals("actions", actions.get("type"), proposal::toString);
    return (String) ((Map<String, Object>) ((List<Object>) actions.get("elements")).getFirst()).get("value");
  }

  /** The answer to {@code text} run by {@code userId}. */
  Map<String, Object> run(String text, String userId) {
    Invocation i = callback().invoke(SlackInteractions.signed(command(text, userId)));
    assertEquals(200, status(i), i::toString);
    return Json.parseObject(Json.parseObject(i.bodyText()).string("body")).asMap();
  }

  /** The answer Slack is to show: response type, fallback text, a header block and one section per part. */
  static Map<String, Object> answer(boolean inChannel, String title, String... sections) {
    return Map.of("response_type", inChannel ? "in_channel" : "ephemeral",
        "text", sections.length == 0 ? title : title + "\n" + String.join("\n", sections),
        "blocks", blocks(title, sections));
  }

  static List<Object> blocks(String title, String... sections) {
    List<Object> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", title)));
    for (String s : sections) {
      blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", s)));
    }
    return blocks;
  }

  List<Map<String, AttributeValue>> freezes() {
    return everything().stream().filter(i -> i.get("pk").s().equals("FREEZES")).toList();
  }
}
