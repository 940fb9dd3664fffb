package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock answers of the APIs the alerts function calls (SNS, Slack, CodePipeline, Secrets Manager) as they
 * document them, and readers for the requests it made.
 */
final class AlertStubs {
  static final String SLACK_TOKEN = "xoxb-7261537482-SeCrEt-T0kEn-bQ9zX2";
  static final String SECRET_NAME = "baton/alerts-slack";
  static final String PAYMENTS_CHANNEL = "C0PAYMENTS1";
  static final String PARENT_TS = "1763633392.000100";

  private AlertStubs() {}

  static MappingBuilder target(String operation) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(operation));
  }

  static MappingBuilder snsPublish() {
    return post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"));
  }

  static MappingBuilder slack(String method) {
    return post(urlEqualTo("/slack/api/" + method));
  }

  static ResponseDefinitionBuilder awsJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  static ResponseDefinitionBuilder slackJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }

  static ResponseDefinitionBuilder snsOk(String messageId) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <PublishResult><MessageId>%s</MessageId></PublishResult>
          <ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata>
        </PublishResponse>""".formatted(messageId));
  }

  static ResponseDefinitionBuilder snsError(int status, String type, String code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("""
        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <Error><Type>%s</Type><Code>%s</Code><Message>%s</Message></Error>
          <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>
        </ErrorResponse>""".formatted(type, code, message));
  }

  /** The answers every alert test starts from: the Slack secret, SNS and Slack accepting everything. */
  static void install(WireMockServer wiremock, String secretJson) {
    wiremock.stubFor(target("secretsmanager.GetSecretValue").willReturn(awsJson("""
        {"ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:baton/alerts-slack-Xk2P9q",
         "Name": "baton/alerts-slack", "VersionId": "b7c1d2e3-0000-4000-8000-000000000001",
         "SecretString": %s, "VersionStages": ["AWSCURRENT"], "CreatedDate": 1763600000.0}"""
        .formatted(quote(secretJson)))));
    wiremock.stubFor(snsPublish().willReturn(snsOk("a8b9c0d1-e2f3-5a4b-9c8d-7e6f5a4b3c2d")));
    wiremock.stubFor(slack("chat.postMessage").willReturn(slackJson("""
        {"ok": true, "channel": "%s", "ts": "%s", "message": {"type": "message", "text": "..."}}"""
        .formatted(PAYMENTS_CHANNEL, PARENT_TS))));
    wiremock.stubFor(slack("chat.update").willReturn(slackJson("""
        {"ok": true, "channel": "%s", "ts": "%s", "text": "..."}""".formatted(PAYMENTS_CHANNEL, PARENT_TS))));
  }

  static String botTokenSecret() {
    return "{\"botToken\": \"" + SLACK_TOKEN + "\"}";
  }

  static List<LoggedRequest> publishes(WireMockServer w) {
    return w.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish")));
  }

  static List<LoggedRequest> slackCalls(WireMockServer w, String method) {
    return w.findAll(postRequestedFor(urlEqualTo("/slack/api/" + method)));
  }

  static List<LoggedRequest> awsCalls(WireMockServer w, String operation) {
    return w.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(operation)));
  }

  /** The form parameters of an SNS (query protocol) request, in order. */
  static Map<String, String> form(LoggedRequest r) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : r.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
