package dev.baton.teams.bot;

import dev.baton.aws.lambda.FunctionUrlEvent;
import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalDecisions;
import dev.baton.core.approval.ApprovalStore;
import dev.baton.core.approval.Decision;
import dev.baton.core.approval.DecisionFinisher;
import dev.baton.core.approval.HandOff;
import dev.baton.core.approval.SlackUser;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.log.Log;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's messaging endpoint, as its Function URL hands requests over, in this order: the Bot Framework token is
 * verified ({@link BotTokenVerifier}; 401 and nothing else otherwise: no read, no write, no call); a card click
 * ({@code adaptiveCard/action}, {@link CardAction}) is decided by the same code as a Slack click
 * ({@link ApprovalDecisions#decide}: the same authorisation, four-eyes rule and single conditional write); what
 * follows a decision runs within the budget or is handed off ({@link DecisionFinisher}); the answer replaces the
 * clicked card with the approval as it now stands, or tells the clicker why nothing happened. Other verified
 * activities (the bot added to a team, a message to it) are acknowledged and ignored.
 */
public final class TeamsBotCallback {
  private final BotTokenVerifier verifier;
  private final ApprovalDecisions decisions;
  private final DecisionFinisher finisher;
  private final ApprovalStore store;
  private final String tenantId;

  public TeamsBotCallback(BotTokenVerifier verifier, ApprovalDecisions decisions, DecisionFinisher finisher,
                          ApprovalStore store, String tenantId) {
    this.verifier = verifier;
    this.decisions = decisions;
    this.finisher = finisher;
    this.store = store;
    this.tenantId = tenantId;
  }

  /** The Function URL's answer to {@code event}, a request that arrived at {@code startNanos}. */
  public String handle(JsonObject event, long startNanos, HandOff handOff) {
    FunctionUrlEvent request;
    try {
      request = FunctionUrlEvent.parse(event);
    } catch (MalformedJsonException e) {
      Log.warn("bot request refused: unreadable", "error", e.getMessage());
      return FunctionUrlEvent.response(400, Optional.of(Map.of("error", "bad request")));
    }
    if (!request.method().equals("POST")) {
      return FunctionUrlEvent.response(405, Optional.of(Map.of("error", "POST only")));
    }
    Optional<JsonObject> activity = activity(request.body());
    Optional<String> serviceUrl = activity.map(a -> a.asMap().get("serviceUrl")).filter(String.class::isInstance)
        .map(String.class::cast);
    try {
      if (serviceUrl.isEmpty()) {
        throw new UnauthorizedActivityException("the body is not an activity with a serviceUrl");
      }
      verifier.verify(request.header("authorization"), serviceUrl.get());
    } catch (UnauthorizedActivityException e) {
      Log.warn("bot request refused: unauthorized", "reason", e.getMessage(), "sourceIp", event.optObject(
          "requestContext").flatMap(c -> c.optObject("http")).flatMap(h -> h.optString("sourceIp")).orElse(null));
      return FunctionUrlEvent.response(401, Optional.of(Map.of("error", "unauthorized")));
    } catch (RuntimeException e) {
      // the Bot Framework's keys could not be fetched: nothing was done; the Bot Framework retries a 503
      Log.error("bot request not verified: the Bot Framework signing keys are unavailable", "error", e.getMessage());
      return FunctionUrlEvent.response(503, Optional.of(Map.of("error", "try again")));
    }
    JsonObject a = activity.orElseThrow();
    if (!"invoke".equals(a.optString("type").orElse("")) || !"adaptiveCard/action".equals(
        a.optString("name").orElse(""))) {
      Log.info("bot activity acknowledged, nothing to do", "type", a.optString("type").orElse("?"));
      return FunctionUrlEvent.response(200, Optional.empty());
    }
    CardAction action;
    try {
      action = CardAction.parse(a);
    } catch (IllegalArgumentException | MalformedJsonException e) {
      Log.warn("bot invoke refused: not a Baton card action", "reason", e.getMessage());
      return invoke(Map.of("statusCode", 400, "type", "application/vnd.microsoft.error",
          "value", Map.of("code", "BadRequest", "message", "not a Baton approval action")));
    }
    if (!tenantId.equalsIgnoreCase(action.tenantId())) {
      Log.warn("bot invoke refused: a user of another tenant", "tenant", action.tenantId(), "user",
          action.userObjectId());
      return invoke(ApprovalCard.invokeMessage("Only users of this Baton's Microsoft Entra tenant may decide."));
    }
    return invoke(decide(action, startNanos, handOff));
  }

  private Map<String, Object> decide(CardAction action, long startNanos, HandOff handOff) {
    ApprovalDecisions.Result r = decisions.decide(action.approvalId(), action.approve(),
        new SlackUser(action.userObjectId(), action.userName()), Decision.TEAMS, action.reason());
    switch (r.outcome()) {
      case DECIDED, EXPIRED -> {
        // The approval as the finish left it: no read to show it on the card.
        return ApprovalCard.invokeResponse(finisher.finishWithin(r.approval().orElseThrow(), startNanos, handOff));
      }
      case ALREADY_DECIDED -> {
        Optional<Approval> now = store.find(action.approvalId());
        return now.map(ApprovalCard::invokeResponse).orElseGet(() -> ApprovalCard.invokeMessage(r.note()));
      }
      default -> {
        return ApprovalCard.invokeMessage(r.note());
      }
    }
  }

  private static String invoke(Map<String, Object> body) {
    return FunctionUrlEvent.response(200, Optional.of(body));
  }

  /** The body as a JSON object, if it is one: its {@code serviceUrl} is needed to verify the token. */
  private static Optional<JsonObject> activity(byte[] body) {
    try {
      return Optional.of(Json.parseObject(new String(body, StandardCharsets.UTF_8)));
    } catch (MalformedJsonException e) {
      return Optional.empty();
    }
  }
}
