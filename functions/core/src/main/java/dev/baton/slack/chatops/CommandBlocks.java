package dev.baton.slack.chatops;

import dev.baton.core.chatops.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Reply} as the immediate answer to a slash command (Slack API, "Responding to slash commands"):
 * {@code response_type} {@code ephemeral} (the asker only) or {@code in_channel}, a {@code text} fallback, and Block
 * Kit {@code blocks}: a header, then one mrkdwn section per part (Slack's limit is 3000 characters a section), then
 * for a release to confirm an actions block with its buttons.
 */
public final class CommandBlocks {
  static final int MAX_SECTION = 3000;
  /** The action ids of a {@code /baton release} confirmation's buttons. */
  public static final String RELEASE_START = "baton_release_start";
  public static final String RELEASE_CANCEL = "baton_release_cancel";

  private CommandBlocks() {}

  /** {@code reply} as Block Kit; a release to confirm gets Start and Cancel buttons carrying its signed claim. */
  public static Map<String, Object> answer(Reply reply, ReleaseClaims claims) {
    List<Object> blocks = new ArrayList<>();
    blocks.add(block("header", "plain_text", shorten(reply.title(), 150)));
    for (String section : reply.sections()) {
      blocks.add(block("section", "mrkdwn", shorten(section, MAX_SECTION)));
    }
    reply.confirm().ifPresent(request -> {
      String value = claims.value(request);
      blocks.add(Map.of("type", "actions", "block_id", "baton_release", "elements", List.of(
          button(RELEASE_START, "Start " + request.pipeline(), value, Optional.of("primary")),
          button(RELEASE_CANCEL, "Cancel", value, Optional.empty()))));
    });
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("response_type", reply.inChannel() ? "in_channel" : "ephemeral");
    answer.put("text", shorten(reply.text(), MAX_SECTION));
    answer.put("blocks", blocks);
    return answer;
  }

  private static Map<String, Object> button(String actionId, String label, String value, Optional<String> style) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("type", "button");
    b.put("action_id", actionId);
    b.put("text", Map.of("type", "plain_text", "text", shorten(label, 75)));
    b.put("value", value);
    style.ifPresent(s -> b.put("style", s));
    return b;
  }

  private static Map<String, Object> block(String type, String textType, String text) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("type", textType);
    t.put("text", text);
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("type", type);
    b.put("text", t);
    return b;
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }
}
