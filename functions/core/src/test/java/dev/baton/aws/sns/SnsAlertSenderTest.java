package dev.baton.aws.sns;

import dev.baton.aws.LocalWireMock;
import org.junit.jupiter.api.extension.RegisterExtension;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.baton.core.alerts.Alert;
import dev.baton.core.alerts.AlertKind;
import dev.baton.core.alerts.DeliveryRejectedException;
import dev.baton.core.alerts.Outbound;
import dev.baton.core.alerts.Receipt;
import dev.baton.core.alerts.Target;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

/** SNS Publish through the real SDK (query protocol) against a WireMock SNS. */
class SnsAlertSenderTest {
  private static final Target TOPIC = Target.sns("arn:aws:sns:eu-west-1:123456789012:alerts");
  @RegisterExtension
  static final LocalWireMock wiremock = new LocalWireMock();
  private static SnsAlertSender sender;
  private final Outbound.Post post = new Outbound.Post(new Alert(AlertKind.STOPPED, "p", "e-1", 1, "123456789012",
      "eu-west-1", Optional.of("STOPPED"), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
      Optional.empty(), Instant.parse("2026-11-20T12:40:31Z"), Optional.empty(), Optional.empty()),
      Optional.empty(), Optional.empty());

  @BeforeAll
  static void start() {
    sender = new SnsAlertSender(wiremock.client(SnsClient.builder()));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(
        "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>details of " + code
            + "</Message></Error><RequestId>r</RequestId></ErrorResponse>");
  }

  @Test
  void givenThrottlingThenSuccess_thenTheSdkRetriesAndTheMessageIdComesBack() throws Exception {
    wiremock.stubFor(post(urlEqualTo("/")).inScenario("t").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
        .willReturn(error(400, "Throttling")));
    wiremock.stubFor(post(urlEqualTo("/")).inScenario("t").whenScenarioStateIs("ok").willReturn(aResponse()
        .withStatus(200).withBody("<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult>"
            + "</PublishResponse>")));

    assertEquals(Receipt.of("m-1"), sender.send(TOPIC, post));
    wiremock.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing(
        "Subject=%5BSTOPPED%5D+p%3A+execution+e-1+stopped")));
  }

  @Test
  void givenRefusalsRetryingCannotFix_thenRejectedWithWhatToFix_afterOneCall() {
    wiremock.stubFor(post(urlEqualTo("/")).willReturn(error(403, "AuthorizationError")));

    DeliveryRejectedException e = assertThrows(DeliveryRejectedException.class, () -> sender.send(TOPIC, post));

    assertEquals("AuthorizationError", e.code());
    assertEquals("SNS refused to publish to arn:aws:sns:eu-west-1:123456789012:alerts: AuthorizationError: details "
        + "of AuthorizationError (the alerts function may publish to the stack's topic and the topics listed in the "
        + "AlertExtraTopicArns parameter only)", e.getMessage());
    wiremock.verify(1, postRequestedFor(urlEqualTo("/")));

    wiremock.stubFor(post(urlEqualTo("/")).willReturn(error(404, "NotFound")));
    assertEquals("NotFound", assertThrows(DeliveryRejectedException.class, () -> sender.send(TOPIC, post)).code());
  }
}
