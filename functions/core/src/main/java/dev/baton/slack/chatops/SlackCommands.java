package dev.baton.slack.chatops;

import dev.baton.core.chatops.ChatOps;
import dev.baton.core.chatops.Reply;
import dev.baton.core.log.Log;
import dev.baton.core.release.ReleaseRequest;
import dev.baton.slack.SlackClient;
import dev.baton.slack.approval.Interaction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code /baton} commands in Slack: a verified slash command answered in the HTTP response
 * ({@link CommandBlocks}), and a verified click on a {@code /baton release} confirmation answered through the click's
 * {@code response_url} (Slack ignores the body of a click's HTTP answer): a release started replaces the asker's
 * confirmation with an announcement in the channel; anything else replaces it with the outcome, for the asker only.
 */
public final class SlackCommands {
  private final ChatOps chatOps;
  private final ReleaseClaims claims;
  private final SlackClient slack;

  public SlackCommands(ChatOps chatOps, ReleaseClaims claims, SlackClient slack) {
    this.chatOps = chatOps;
    this.claims = claims;
    this.slack = slack;
  }

  public ReleaseClaims claims() {
    return claims;
  }

  /** The HTTP answer to {@code command}. */
  public Map<String, Object> answer(SlashCommand command) {
    Reply reply;
    try {
      reply = chatOps.run(command.user(), command.text());
      return CommandBlocks.answer(reply, claims);
    } catch (RuntimeException e) {
      Log.error("command failed", "user", command.user().id(), "text", command.text(), "error", e.toString());
      return CommandBlocks.answer(failed(e), claims);
    }
  }

  /** Runs a confirmation click (its claim already read by {@link #claims()}) and answers it at its response_url. */
  public void confirm(Interaction.ReleaseClick click, ReleaseRequest request) {
    Reply reply;
    try {
      reply = chatOps.confirmRelease(click.user(), request, click.start());
    } catch (RuntimeException e) {
      Log.error("release confirmation failed", "user", click.user().id(), "request", request.id(), "error",
          e.toString());
      reply = failed(e);
    }
    Map<String, Object> body = new LinkedHashMap<>(CommandBlocks.answer(reply, claims));
    body.put(reply.inChannel() ? "delete_original" : "replace_original", true);
    try {
      slack.respond(click.responseUrl(), body);
    } catch (RuntimeException e) {
      Log.warn("could not answer a release confirmation in Slack", "request", request.id(), "error", e.toString());
    }
  }

  private static Reply failed(RuntimeException e) {
    return Reply.privately("Not done", "Baton could not do that just now (" + e.getClass().getSimpleName()
        + "); trying again is safe.");
  }
}
