package dev.baton.teams.alerts;

import dev.baton.aws.secrets.SecretException;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.alerts.Alert;
import dev.baton.core.alerts.AlertSender;
import dev.baton.core.alerts.Announcement;
import dev.baton.core.alerts.AnnouncementSender;
import dev.baton.core.alerts.DeliveryRejectedException;
import dev.baton.core.alerts.Outbound;
import dev.baton.core.alerts.Receipt;
import dev.baton.core.alerts.Target;
import dev.baton.core.json.Json;
import dev.baton.teams.TeamsApiException;
import dev.baton.teams.TeamsHttp;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Sends main alerts to Microsoft Teams channels through Workflows webhooks ("When a Teams webhook request is
 * received" → "Post card in a chat or channel"), one Adaptive Card per alert. The target names the secret holding
 * the webhook URL (the URL alone, or {@code {"webhookUrl": "https://..."}}), read through the {@link SecretLoader}
 * (cached, refreshed after its TTL, and at once after Teams refused the URL); the URL is never logged.
 *
 * <p>{@link TeamsHttp} retries 429 and 503 honouring {@code Retry-After}, other 5xx and timeouts within its budget;
 * what it still cannot deliver is a transient failure (the event is retried). Other refusals (400: the card; 401,
 * 403, 404: the URL) will not pass by retrying: they are {@link DeliveryRejectedException}s saying what to fix.
 * A webhook cannot reply or edit, so Teams targets get main alerts only (they are not threaded).
 */
public final class TeamsAlertSender implements AlertSender, AnnouncementSender {
  private final TeamsHttp http;
  private final SecretLoader secrets;
  private final boolean enabled;

  /**
   * @param enabled whether the stack lets the function read Teams webhook secrets (its {@code AlertTeamsWebhooks}
   *     parameter); when it does not, every Teams delivery is refused saying so, and no secret is read
   */
  public TeamsAlertSender(TeamsHttp http, SecretLoader secrets, boolean enabled) {
    this.http = http;
    this.secrets = secrets;
    this.enabled = enabled;
  }

  @Override
  public Receipt send(Target target, Outbound message) throws DeliveryRejectedException {
    if (target.type() != Target.Type.TEAMS) {
      throw new IllegalArgumentException("not a Teams target: " + target);
    }
    if (!(message instanceof Outbound.Post post)) {
      throw new IllegalArgumentException("a Teams webhook takes main alerts only");
    }
    return post(target, AlertCard.message(post.alert()));
  }

  /** An announcement (a freeze started or ended): one card of its own. */
  @Override
  public Receipt announce(Target target, Announcement a) throws DeliveryRejectedException {
    if (target.type() != Target.Type.TEAMS) {
      throw new IllegalArgumentException("not a Teams target: " + target);
    }
    return post(target, AlertCard.announcement(a));
  }

  private Receipt post(Target target, Map<String, Object> message) throws DeliveryRejectedException {
    if (!enabled) {
      throw new DeliveryRejectedException("teams_not_enabled", "the routing sends alerts to Teams, but the stack "
          + "does not let the alerts function read Teams webhook secrets: deploy it with AlertTeamsWebhooks=Enabled");
    }
    URI url = webhookUrl(target.address());
    try {
      TeamsHttp.Answer answer = http.post("Teams webhook " + target.address(), url, TeamsHttp.JSON,
          Json.write(message), Optional.empty());
      return Receipt.of("http_" + answer.status());
    } catch (TeamsApiException e) {
      if (e.retryable()) {
        throw e;
      }
      if (e.httpStatus() == 401 || e.httpStatus() == 403 || e.httpStatus() == 404) {
        secrets.invalidate(target.address());
      }
      throw new DeliveryRejectedException(e.code(), e.getMessage() + hint(e.httpStatus(), target));
    }
  }

  private URI webhookUrl(String reference) throws DeliveryRejectedException {
    String value = secrets.value(reference).strip();
    String url = value.startsWith("{") ? field(reference) : value;
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || !"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new DeliveryRejectedException("teams_not_configured", "secret " + reference + " holds no Teams "
          + "Workflows webhook URL: put the URL the workflow's \"When a Teams webhook request is received\" trigger "
          + "shows (https://...) in it, alone or as {\"webhookUrl\": \"https://...\"}");
    }
    return uri;
  }

  private String field(String reference) throws DeliveryRejectedException {
    try {
      return secrets.field(reference, "webhookUrl").strip();
    } catch (SecretException e) {
      throw new DeliveryRejectedException("teams_not_configured", e.getMessage());
    }
  }

  static String hint(int status, Target target) {
    return switch (status) {
      case 400 -> " (Teams refused the card Baton built: please report it)";
      case 401, 403, 404 -> " (the webhook URL in secret " + target.address() + " is not valid any more: the "
          + "workflow was deleted, turned off or its owner left; put the current URL in the secret)";
      case 413 -> " (the card is too large for Teams: please report it)";
      default -> "";
    };
  }

  /** Renders and serialises {@code alert} as the webhook request, sending nothing: for SnapStart priming. */
  public static int prime(Alert alert) {
    return Json.write(AlertCard.message(alert)).length();
  }
}
