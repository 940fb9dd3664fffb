package dev.baton.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingSlackTest {
  @Test
  void givenAPrimingClient_thenAWebApiCallAndAResponseUrlPostAreAnsweredWithoutAConnection() {
    PrimingSlack slack = new PrimingSlack();
    // Whatever the base URL (BATON_SLACK_API_URL points it at a stand-in in the tests), a method is named as Slack's.
    SlackClient client = SlackClient.builder(() -> "xoxb-priming").baseUrl("http://127.0.0.1:9/slack/api/")
        .connector(slack).build();

    PostedMessage posted = client.postMessage("#releases", "text", List.of());
    client.respond("https://hooks.slack.com/services/T0/B0/x", java.util.Map.of("text", "t"));

    assertEquals("C0PRIMING", posted.channel());
    assertEquals(2, slack.answered());
    assertEquals(List.of("slack:chat.postMessage", "slack:hooks.slack.com/services"), slack.operations());
  }
}
