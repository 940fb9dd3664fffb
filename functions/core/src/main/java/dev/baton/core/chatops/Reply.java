package dev.baton.core.chatops;

import java.util.List;

/**
 * What a {@code /baton} command answers: seen by the person who asked only, or by the channel (a freeze declared or
 * ended is news for everyone there); a title and sections of text (Slack mrkdwn).
 */
public record Reply(boolean inChannel, String title, List<String> sections) {
  public Reply {
    sections = List.copyOf(sections);
  }

  public static Reply privately(String title, String... sections) {
    return new Reply(false, title, List.of(sections));
  }

  /** Title and sections as one text (the notification and screen-reader fallback). */
  public String text() {
    return sections.isEmpty() ? title : title + "\n" + String.join("\n", sections);
  }
}
