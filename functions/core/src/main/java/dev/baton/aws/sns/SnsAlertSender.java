package dev.baton.aws.sns;

import dev.baton.aws.AwsClients;
import dev.baton.core.alerts.AlertKind;
import dev.baton.core.alerts.AlertSender;
import dev.baton.core.alerts.AlertText;
import dev.baton.core.alerts.Announcement;
import dev.baton.core.alerts.AnnouncementSender;
import dev.baton.core.alerts.DeliveryRejectedException;
import dev.baton.core.alerts.Outbound;
import dev.baton.core.alerts.Receipt;
import dev.baton.core.alerts.SnsMessage;
import dev.baton.core.alerts.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes main alerts to SNS topics: the subject, the plain-text body, and the {@code pipeline}, {@code state}
 * and {@code severity} message attributes ({@link SnsMessage}). Throttling and 5xx are retried by the SDK with
 * backoff; a refusal that retrying cannot fix (no such topic, not allowed, invalid parameter, KMS key unusable) is a
 * {@link DeliveryRejectedException} that says what to fix.
 */
public final class SnsAlertSender implements AlertSender, AnnouncementSender {
  private final SnsClient sns;

  public SnsAlertSender(SnsClient sns) {
    this.sns = sns;
  }

  /** The SNS client the alerts function uses: {@link AwsClients}' settings, built on its first publish. */
  public static SnsClient defaultClient() {
    return new LazySnsClient(() -> AwsClients.regional(SnsClient.builder()));
  }

  @Override
  public Receipt send(Target target, Outbound message) throws DeliveryRejectedException {
    if (target.type() != Target.Type.SNS || !(message instanceof Outbound.Post post)) {
      throw new IllegalArgumentException("SNS publishes main alerts to topics only, not " + message.getClass()
          .getSimpleName() + " to " + target);
    }
    return publish(target, SnsMessage.of(post.alert()));
  }

  /** An announcement: subject {@code [FREEZE] Freeze started: weekend}, the text, attributes kind and pipelines. */
  @Override
  public Receipt announce(Target target, Announcement a) throws DeliveryRejectedException {
    if (target.type() != Target.Type.SNS) {
      throw new IllegalArgumentException("not an SNS target: " + target);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("state", AlertKind.FREEZE.tag());
    attributes.put("severity", AlertKind.FREEZE.severity().value());
    attributes.put("kind", a.kind());
    attributes.put("pipelines", String.join(",", a.pipelines()));
    String tag = a.kind().startsWith("FREEZE") ? "[FREEZE] " : "";
    return publish(target, new SnsMessage(AlertText.fitSubject(tag + a.subject()), a.text(), attributes));
  }

  private Receipt publish(Target target, SnsMessage m) throws DeliveryRejectedException {
    try {
      return Receipt.of(sns.publish(request(target.address(), m)).messageId());
    } catch (AwsServiceException e) {
      if (e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException()) {
        String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
        String detail = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
        throw new DeliveryRejectedException(code, "SNS refused to publish to " + target.address() + ": " + code
            + (detail == null || detail.isBlank() ? "" : ": " + detail) + hint(code));
      }
      throw e;
    }
  }

  static PublishRequest request(String topicArn, SnsMessage m) {
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    m.attributes().forEach((name, value) -> attributes.put(name,
        MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
    return PublishRequest.builder()
        .topicArn(topicArn)
        .subject(m.subject())
        .message(m.body())
        .messageAttributes(attributes)
        .build();
  }

  private static String hint(String code) {
    return switch (code) {
      case "AuthorizationError" -> " (the alerts function may publish to the stack's topic and the topics listed in "
          + "the AlertExtraTopicArns parameter only)";
      case "NotFound" -> " (no such topic: check the sns list in config/alert-routing.json)";
      case "KMSAccessDenied", "KMSDisabled", "KMSNotFound", "KMSInvalidState" -> " (the topic's KMS key cannot be used "
          + "by the alerts function)";
      default -> "";
    };
  }
}
