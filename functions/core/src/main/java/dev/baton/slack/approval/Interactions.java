package dev.baton.slack.approval;

import dev.baton.core.approval.SlackUser;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.slack.chatops.CommandBlocks;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads Slack's interaction requests (Slack API, "Handling user interaction"): an
 * {@code application/x-www-form-urlencoded} body whose {@code payload} field holds the JSON, of type
 * {@code block_actions} (a button: {@code actions[0].action_id / value} (the {@link ApprovalClaims claim}),
 * {@code user}, {@code channel}, {@code trigger_id}; or a {@code /baton release} confirmation, with its
 * {@code response_url}) or {@code view_submission} (the reject or break-glass form: {@code view.callback_id},
 * {@code view.private_metadata}, {@code view.state.values}). Anything else is an {@link InvalidInteractionException}.
 */
public final class Interactions {
  /** Link buttons of Baton's messages (alerts: baton_open_execution, baton_external_N). */
  private static final Pattern LINK_ACTION = Pattern.compile("baton_(open_[a-z_]+|external_[0-9]+)");

  private Interactions() {}

  public static Interaction parse(String contentType, byte[] body) {
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT)
        .startsWith("application/x-www-form-urlencoded")) {
      throw new InvalidInteractionException("not a form post (Content-Type " + contentType + ")");
    }
    String payload = formField(new String(body, StandardCharsets.UTF_8), "payload")
        .orElseThrow(() -> new InvalidInteractionException("the form has no payload field"));
    JsonObject p;
    try {
      p = Json.parseObject(payload);
    } catch (MalformedJsonException e) {
      throw new InvalidInteractionException("payload is not a JSON object");
    }
    try {
      String type = p.string("type");
      return switch (type) {
        case "block_actions" -> click(p);
        case "view_submission" -> submission(p);
        default -> throw new InvalidInteractionException("interaction type " + type + " is not handled");
      };
    } catch (MalformedJsonException e) {
      throw new InvalidInteractionException("payload " + e.getMessage());
    }
  }

  private static Interaction click(JsonObject p) {
    List<JsonObject> actions = p.objects("actions");
    if (actions.size() != 1) {
      throw new InvalidInteractionException("expected one action, found " + actions.size());
    }
    JsonObject action = actions.get(0);
    String actionId = action.string("action_id");
    if (LINK_ACTION.matcher(actionId).matches() && action.has("url")) {
      return new Interaction.LinkOpened(actionId, user(p));
    }
    if (actionId.equals(CommandBlocks.RELEASE_START) || actionId.equals(CommandBlocks.RELEASE_CANCEL)) {
      return new Interaction.ReleaseClick(user(p), actionId.equals(CommandBlocks.RELEASE_START),
          action.string("value"), p.string("response_url"));
    }
    boolean approve = switch (actionId) {
      case ApprovalBlocks.APPROVE -> true;
      case ApprovalBlocks.REJECT -> false;
      default -> throw new InvalidInteractionException("unknown action_id " + shorten(actionId));
    };
    JsonObject value = ApprovalClaims.parseValue(action.string("value"));
    JsonObject channel = p.optObject("channel")
        .orElseThrow(() -> new InvalidInteractionException("block_actions without a channel"));
    String channelId = channel.string("id");
    return new Interaction.Click(ApprovalClaims.approvalId(value), ApprovalClaims.claim(value), approve, user(p),
        channelId, channel.optString("name").orElse(channelId), p.string("trigger_id"));
  }

  private static Interaction submission(JsonObject p) {
    JsonObject view = p.object("view");
    String callback = view.string("callback_id");
    if (!callback.equals(ApprovalBlocks.REASON_VIEW) && !callback.equals(ApprovalBlocks.OVERRIDE_VIEW)) {
      throw new InvalidInteractionException("unknown view callback_id " + shorten(callback));
    }
    String metadata = view.string("private_metadata");
    JsonObject meta;
    try {
      meta = Json.parseObject(metadata);
    } catch (MalformedJsonException e) {
      throw new InvalidInteractionException("view.private_metadata is not Baton's");
    }
    String reason = view.object("state").object("values").object(ApprovalBlocks.REASON_BLOCK)
        .object(ApprovalBlocks.REASON_INPUT).optString("value").map(String::strip).orElse("");
    if (reason.isEmpty()) {
      throw new InvalidInteractionException("the " + (callback.equals(ApprovalBlocks.REASON_VIEW) ? "reject"
          : "break-glass") + " form came back without a reason");
    }
    if (reason.length() > ApprovalBlocks.REASON_MAX) {
      reason = reason.substring(0, ApprovalBlocks.REASON_MAX);
    }
    String channel = meta.string("channel");
    if (callback.equals(ApprovalBlocks.OVERRIDE_VIEW)) {
      return new Interaction.OverrideSubmitted(ApprovalClaims.approvalId(meta.string("approvalId")),
          ApprovalClaims.claim(meta), user(p), channel, meta.optString("channelName").orElse(channel), reason);
    }
    return new Interaction.ReasonSubmitted(ApprovalClaims.approvalId(meta.string("approvalId")),
        ApprovalClaims.claim(meta), user(p), channel, meta.optString("channelName").orElse(channel), reason);
  }

  private static SlackUser user(JsonObject p) {
    JsonObject u = p.object("user");
    String name = u.optString("name").filter(s -> !s.isBlank()).or(() -> u.optString("username")).orElse(null);
    return new SlackUser(u.string("id"), name);
  }

  public static Optional<String> formField(String form, String name) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        try {
          return Optional.of(URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new InvalidInteractionException("the form is not URL-encoded");
        }
      }
    }
    return Optional.empty();
  }

  private static String shorten(String s) {
    String clean = s.replaceAll("[^A-Za-z0-9._-]", "?");
    return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
  }
}
