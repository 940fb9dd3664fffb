package dev.baton.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingSlackTest {
  @Test
  void givenAPrimingClient_thenAWebApiCallAndAResponseUrlPostAreAnsweredWithoutAConnection() {
    PrimingSlack slack = new PrimingSlack();
    SlackClient client = PrimingSlack.client(slack);

    PostedMessage posted = client.postMessage("#releases", "text", List.of());
    client.respond("https://hooks.slack.com/services/T0/B0/x", java.util.Map.of("text", "t"));

    assertEquals("C0PRIMING", posted.channel());
    assertEquals(2, slack.answered());
  }
}
