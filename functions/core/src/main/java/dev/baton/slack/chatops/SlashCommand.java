package dev.baton.slack.chatops;

import dev.baton.core.approval.SlackUser;
import dev.baton.slack.approval.Interactions;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A slash command as Slack posts it (Slack API, "Implementing slash commands"): an
 * {@code application/x-www-form-urlencoded} body with {@code command} ({@code /baton}), {@code text} (what follows
 * it), {@code user_id, user_name, channel_id, channel_name, team_id, response_url, trigger_id} and a deprecated
 * {@code token} Baton ignores (the signature is what counts). Slack waits 3 seconds for the answer.
 */
public record SlashCommand(String command, String text, SlackUser user, String channelId, String channelName) {

  /** The command in {@code form}, or empty when the form is not a slash command (an interaction has a payload). */
  public static Optional<SlashCommand> parse(byte[] body) {
    String form = new String(body, StandardCharsets.UTF_8);
    Optional<String> command = Interactions.formField(form, "command");
    Optional<String> user = Interactions.formField(form, "user_id").filter(u -> !u.isBlank());
    if (command.isEmpty() || user.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SlashCommand(command.get(), Interactions.formField(form, "text").orElse(""),
        new SlackUser(user.get(), Interactions.formField(form, "user_name").orElse(null)),
        Interactions.formField(form, "channel_id").orElse(""),
        Interactions.formField(form, "channel_name").orElse("")));
  }
}
