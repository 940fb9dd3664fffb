package dev.baton.core.approval;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the SNS event Lambda receives for a topic that CodePipeline approval actions notify: {@code Records[].Sns}
 * with {@code Message} holding the approval JSON as a string ({@code region, consoleLink, approval{pipelineName,
 * stageName, actionName, token, expires, externalEntityLink, approvalReviewLink, customData}}). A malformed record
 * is a {@link MalformedJsonException} naming the field; values (the token) are never echoed.
 */
public final class ApprovalNotifications {
  private static final DateTimeFormatter OFFSET_NO_COLON = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]xx");

  private ApprovalNotifications() {}

  /** One SNS record: its message id (the same for every redelivery) and the approval it carries. */
  public record Notification(String messageId, ApprovalRequest request) {}

  public static boolean isSnsEvent(JsonObject event) {
    if (!(event.asMap().get("Records") instanceof List<?> records) || records.isEmpty()) {
      return false;
    }
    return records.get(0) instanceof java.util.Map<?, ?> r && r.containsKey("Sns");
  }

  public static List<Notification> parse(JsonObject event) {
    List<JsonObject> records = event.objects("Records");
    if (records.isEmpty()) {
      throw new MalformedJsonException("$.Records: empty (expected SNS notifications)");
    }
    List<Notification> out = new ArrayList<>();
    for (JsonObject record : records) {
      JsonObject sns = record.object("Sns");
      String message = sns.string("Message");
      JsonObject body;
      try {
        body = Json.parseObject(message);
      } catch (MalformedJsonException e) {
        throw new MalformedJsonException(sns.path() + ".Message: not an approval notification (not a JSON object)");
      }
      out.add(new Notification(sns.optString("MessageId").orElse(""), request(body, sns.path() + ".Message")));
    }
    return out;
  }

  static ApprovalRequest request(JsonObject body, String where) {
    JsonObject approval;
    try {
      approval = body.object("approval");
      return new ApprovalRequest(
          body.optString("region").filter(s -> !s.isBlank()).orElse(""),
          approval.string("pipelineName"),
          approval.string("stageName"),
          approval.string("actionName"),
          approval.string("token"),
          approval.optString("expires").flatMap(ApprovalNotifications::expires),
          text(approval, "customData"),
          text(approval, "externalEntityLink"),
          text(approval, "approvalReviewLink"),
          text(body, "consoleLink"));
    } catch (MalformedJsonException e) {
      throw new MalformedJsonException(where + " " + e.getMessage());
    }
  }

  private static Optional<String> text(JsonObject o, String field) {
    return o.optString(field).map(String::strip).filter(s -> !s.isEmpty() && !s.equals("null"));
  }

  /**
   * CodePipeline writes {@code expires} with minute precision and no seconds ({@code 2016-07-07T20:22Z}); read that,
   * full ISO-8601 with or without seconds, fractions or an offset, an offset without a colon, or a local time (UTC).
   * Anything else is empty: a bad expiry must not lose the approval.
   */
  public static Optional<Instant> expires(String value) {
    String v = value.strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(v).toInstant());
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return Optional.of(OffsetDateTime.parse(v, OFFSET_NO_COLON).toInstant());
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return Optional.of(LocalDateTime.parse(v).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException ignored) {
      return Optional.empty();
    }
  }
}
