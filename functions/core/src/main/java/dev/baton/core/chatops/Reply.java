package dev.baton.core.chatops;

import dev.baton.core.release.ReleaseRequest;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code /baton} command answers: seen by the person who asked only, or by the channel (a freeze declared or
 * ended is news for everyone there); a title and sections of text (Slack mrkdwn); and, for {@code /baton release},
 * the release it asks the asker to confirm (or cancel).
 */
public record Reply(boolean inChannel, String title, List<String> sections, Optional<ReleaseRequest> confirm) {
  public Reply {
    sections = List.copyOf(sections);
  }

  public Reply(boolean inChannel, String title, List<String> sections) {
    this(inChannel, title, sections, Optional.empty());
  }

  public static Reply privately(String title, String... sections) {
    return new Reply(false, title, List.of(sections));
  }

  /** Title and sections as one text (the notification and screen-reader fallback). */
  public String text() {
    return sections.isEmpty() ? title : title + "\n" + String.join("\n", sections);
  }
}
