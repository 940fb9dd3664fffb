package dev.baton.slack.chatops;

import dev.baton.core.chatops.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Reply} as the immediate answer to a slash command (Slack API, "Responding to slash commands"):
 * {@code response_type} {@code ephemeral} (the asker only) or {@code in_channel}, a {@code text} fallback, and Block
 * Kit {@code blocks}: a header, then one mrkdwn section per part (Slack's limit is 3000 characters a section).
 */
public final class CommandBlocks {
  static final int MAX_SECTION = 3000;

  private CommandBlocks() {}

  public static Map<String, Object> answer(Reply reply) {
    List<Object> blocks = new ArrayList<>();
    blocks.add(block("header", "plain_text", shorten(reply.title(), 150)));
    for (String section : reply.sections()) {
      blocks.add(block("section", "mrkdwn", shorten(section, MAX_SECTION)));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("response_type", reply.inChannel() ? "in_channel" : "ephemeral");
    answer.put("text", shorten(reply.text(), MAX_SECTION));
    answer.put("blocks", blocks);
    return answer;
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
