package dev.baton.teams.bot;

import dev.baton.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * A click on an approval card: the {@code invoke} activity {@code adaptiveCard/action} Teams sends for an
 * {@code Action.Execute}, read strictly (a field of the wrong shape is an {@link IllegalArgumentException} naming it).
 *
 * @param userObjectId the clicker's Entra ID object id ({@code from.aadObjectId}): what routes authorise
 * @param activityId the card's message ({@code replyToId}), to update in place
 */
public record CardAction(String verb, String approvalId, Optional<String> reason, String userObjectId,
                         String userName, String tenantId, String conversationId, Optional<String> activityId,
                         String serviceUrl) {
  public CardAction {
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(approvalId, "approvalId");
    reason = reason.map(String::strip).filter(r -> !r.isEmpty());
  }

  public boolean approve() {
    return ApprovalCard.APPROVE.equals(verb);
  }

  /** The activity's {@code serviceUrl}, needed before the token is verified (the token must name it). */
  public static String serviceUrl(JsonObject activity) {
    return activity.string("serviceUrl");
  }

  public static CardAction parse(JsonObject activity) {
    if (!"invoke".equals(activity.string("type")) || !"adaptiveCard/action".equals(activity.string("name"))) {
      throw new IllegalArgumentException("not an adaptiveCard/action invoke: type " + activity.optString("type")
          .orElse("?") + ", name " + activity.optString("name").orElse("?"));
    }
    JsonObject action = activity.object("value").object("action");
    if (!"Action.Execute".equals(action.string("type"))) {
      throw new IllegalArgumentException("$.value.action.type: expected Action.Execute");
    }
    String verb = action.string("verb");
    if (!verb.equals(ApprovalCard.APPROVE) && !verb.equals(ApprovalCard.REJECT)) {
      throw new IllegalArgumentException("$.value.action.verb: not a Baton action: " + verb);
    }
    JsonObject data = action.object("data");
    JsonObject from = activity.object("from");
    String objectId = from.optString("aadObjectId").filter(s -> !s.isBlank()).orElseThrow(
        () -> new IllegalArgumentException("$.from.aadObjectId: missing (only Entra ID users may decide)"));
    JsonObject conversation = activity.object("conversation");
    String tenant = conversation.optString("tenantId").or(() -> activity.optObject("channelData")
        .flatMap(c -> c.optObject("tenant")).flatMap(t -> t.optString("id"))).orElse("");
    return new CardAction(verb, data.string("approvalId"), data.optString(ApprovalCard.REASON), objectId,
        from.optString("name").orElse(objectId), tenant, conversation.string("id"), activity.optString("replyToId"),
        activity.string("serviceUrl"));
  }
}
