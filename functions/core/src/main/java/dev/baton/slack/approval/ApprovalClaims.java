package dev.baton.slack.approval;

import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalClaim;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The claim a Baton message carries about its approval ({@link ApprovalClaim}) in Slack: the buttons' {@code value}
 * (at most 2,000 characters, Block Kit) and the reject form's {@code private_metadata} hold the approval id, its
 * pipeline, stage and action, and when it expires, as JSON. Buttons of messages posted before carry the bare id.
 * Never the token.
 */
public final class ApprovalClaims {
  private static final Pattern APPROVAL_ID = Pattern.compile("apv-[0-9a-f]{32}");

  private ApprovalClaims() {}

  /** The claim's fields ({@code approvalId, pipeline, stage, action}, {@code expires} if any). */
  static Map<String, Object> fields(Approval a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("approvalId", a.id());
    m.put("pipeline", a.request().pipeline());
    m.put("stage", a.request().stage());
    m.put("action", a.request().action());
    a.request().expires().ifPresent(x -> m.put("expires", x.toString()));
    return m;
  }

  /** A button's value: the claim as JSON. */
  public static String buttonValue(Approval a) {
    return Json.write(fields(a));
  }

  /** The approval id of a button value or form metadata; an {@link InvalidInteractionException} if it has none. */
  static String approvalId(JsonObject claim) {
    return approvalId(claim.optString("approvalId").orElse(""));
  }

  static String approvalId(String value) {
    if (!APPROVAL_ID.matcher(value).matches()) {
      throw new InvalidInteractionException("not a Baton approval id");
    }
    return value;
  }

  /** A button's value: JSON with the claim, or (older messages) the bare approval id. */
  static JsonObject parseValue(String value) {
    if (!value.startsWith("{")) {
      return JsonObject.of(Map.of("approvalId", approvalId(value)));
    }
    try {
      return Json.parseObject(value);
    } catch (MalformedJsonException e) {
      throw new InvalidInteractionException("the button value is not Baton's");
    }
  }

  /** The claim in {@code json}, if it makes one (older messages and forms carry only the id). */
  static Optional<ApprovalClaim> claim(JsonObject json) {
    String id = approvalId(json);
    Optional<String> pipeline = json.optString("pipeline");
    Optional<String> stage = json.optString("stage");
    Optional<String> action = json.optString("action");
    if (pipeline.isEmpty() || stage.isEmpty() || action.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ApprovalClaim(id, pipeline.get(), stage.get(), action.get(),
          json.optString("expires").map(Instant::parse)));
    } catch (DateTimeParseException e) {
      throw new InvalidInteractionException("the claimed expiry is not a time");
    }
  }
}
