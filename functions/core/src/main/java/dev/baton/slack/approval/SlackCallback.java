package dev.baton.slack.approval;

import dev.baton.aws.lambda.FunctionUrlEvent;
import dev.baton.core.chatops.Reply;
import dev.baton.core.approval.ApprovalDecisions;
import dev.baton.core.approval.DecisionFinisher;
import dev.baton.core.approval.HandOff;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.log.Log;
import dev.baton.core.release.ReleaseRequest;
import dev.baton.slack.SlackSignature;
import dev.baton.slack.chatops.CommandBlocks;
import dev.baton.slack.chatops.SlackCommands;
import dev.baton.slack.chatops.SlashCommand;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Slack's interactivity requests, as the callback's Function URL hands them over, in this order: the Slack signature
 * is verified on the raw body (401 and nothing else otherwise: no read, no write, no call); the interaction is read
 * (400 for anything Baton does not handle); the decision is made ({@link ApprovalDecisions}); then what follows it
 * runs within Slack's 3 seconds or is handed off ({@link DecisionFinisher}). A verified slash command ({@code /baton},
 * a form with {@code command} and no {@code payload}) is answered by {@link SlackCommands}, in the HTTP response; a
 * click on a {@code /baton release} confirmation is run by it too, once its claim is found to be Baton's.
 */
public final class SlackCallback {
  private final SlackSignature signature;
  private final ApprovalDecisions decisions;
  private final DecisionFinisher finisher;
  private final RefusalLog refusals;
  private final Optional<SlackCommands> commands;

  public SlackCallback(SlackSignature signature, ApprovalDecisions decisions, DecisionFinisher finisher,
                       LongSupplier nanoClock) {
    this(signature, decisions, finisher, nanoClock, Optional.empty());
  }

  public SlackCallback(SlackSignature signature, ApprovalDecisions decisions, DecisionFinisher finisher,
                       LongSupplier nanoClock, Optional<SlackCommands> commands) {
    this.signature = signature;
    this.decisions = decisions;
    this.finisher = finisher;
    this.refusals = new RefusalLog(20, Duration.ofMinutes(1), nanoClock);
    this.commands = commands;
  }

  /** The Function URL's answer to {@code event}, a request that arrived at {@code startNanos}. */
  public String handle(JsonObject event, long startNanos, HandOff handOff) {
    FunctionUrlEvent request;
    try {
      request = FunctionUrlEvent.parse(event);
    } catch (MalformedJsonException e) {
      Log.warn("callback request refused: unreadable", "error", e.getMessage());
      return FunctionUrlEvent.response(400, Optional.of(Map.of("error", "bad request")));
    }
    if (!request.method().equals("POST")) {
      return FunctionUrlEvent.response(405, Optional.of(Map.of("error", "POST only")));
    }
    Optional<String> refusal = signature.refusal(request.header("x-slack-request-timestamp").orElse(null),
        request.header("x-slack-signature").orElse(null), request.body());
    if (refusal.isPresent()) {
      refusals.refused(refusal.get(), event.optObject("requestContext").flatMap(c -> c.optObject("http"))
          .flatMap(h -> h.optString("sourceIp")).orElse(null));
      return FunctionUrlEvent.response(401, Optional.of(Map.of("error", "unauthorized")));
    }
    Optional<SlashCommand> command = isForm(request) ? SlashCommand.parse(request.body()) : Optional.empty();
    if (command.isPresent()) {
      return FunctionUrlEvent.response(200, Optional.of(commands.map(c -> c.answer(command.get()))
          .orElseGet(() -> CommandBlocks.answer(Reply.privately("Not set up", "This Baton does not take commands."),
              null))));
    }
    Interaction interaction;
    try {
      interaction = Interactions.parse(request.header("content-type").orElse(null), request.body());
    } catch (InvalidInteractionException e) {
      Log.warn("callback request refused: not an approval interaction", "reason", e.getMessage());
      return FunctionUrlEvent.response(400, Optional.of(Map.of("error", "not an approval interaction")));
    }
    return switch (interaction) {
      case Interaction.LinkOpened l -> FunctionUrlEvent.response(200, Optional.empty());
      case Interaction.ReleaseClick c -> releaseClick(c);
      case Interaction.Click c -> {
        followUp(decisions.click(c.approvalId(), c.claim(), c.approve(), c.user(), c.channel(), c.channelName(),
            c.triggerId()), startNanos, handOff);
        yield FunctionUrlEvent.response(200, Optional.empty());
      }
      case Interaction.ReasonSubmitted s -> formAnswer(decisions.submitReason(s.approvalId(), s.claim(), s.user(),
          s.channel(), s.channelName(), s.reason()), startNanos, handOff);
      case Interaction.OverrideSubmitted s -> formAnswer(decisions.submitOverride(s.approvalId(), s.claim(),
          s.user(), s.channel(), s.channelName(), s.reason()), startNanos, handOff);
    };
  }

  /** A release confirmation: its claim must be Baton's (400 and nothing else otherwise), then it runs. */
  private String releaseClick(Interaction.ReleaseClick click) {
    ReleaseRequest request;
    try {
      request = commands.orElseThrow(() -> new InvalidInteractionException("this Baton does not take commands"))
          .claims().read(click.value());
    } catch (InvalidInteractionException e) {
      Log.warn("callback request refused: not a release confirmation of Baton's", "user", click.user().id(),
          "reason", e.getMessage());
      return FunctionUrlEvent.response(400, Optional.of(Map.of("error", "not a release confirmation")));
    }
    commands.get().confirm(click, request);
    return FunctionUrlEvent.response(200, Optional.empty());
  }

  private static boolean isForm(FunctionUrlEvent request) {
    return request.header("content-type").map(t -> t.toLowerCase(java.util.Locale.ROOT)
        .startsWith("application/x-www-form-urlencoded")).orElse(false);
  }

  /** A submitted form: closed once decided, else the note shown in the form. */
  private String formAnswer(ApprovalDecisions.Result r, long startNanos, HandOff handOff) {
    followUp(r, startNanos, handOff);
    return r.outcome() == ApprovalDecisions.Outcome.DECIDED ? FunctionUrlEvent.response(200, Optional.empty())
        : FunctionUrlEvent.response(200, Optional.of(Map.of("response_action", "errors",
            "errors", Map.of(ApprovalBlocks.REASON_BLOCK, shorten(r.note())))));
  }

  /** A decision, or an approval just marked expired: CodePipeline and the message next. */
  private void followUp(ApprovalDecisions.Result r, long startNanos, HandOff handOff) {
    if (r.outcome() == ApprovalDecisions.Outcome.DECIDED || r.outcome() == ApprovalDecisions.Outcome.EXPIRED) {
      r.approval().ifPresent(a -> finisher.finishWithin(a, startNanos, handOff));
    }
  }

  /** Slack shows at most 150 characters of a form error (views.open, response_action errors). */
  private static String shorten(String note) {
    return note.length() > 150 ? note.substring(0, 149) + "\u2026" : note;
  }
}
