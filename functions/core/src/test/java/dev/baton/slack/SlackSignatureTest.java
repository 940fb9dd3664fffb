package dev.baton.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {
  /** The worked example of Slack's "Verifying requests from Slack". */
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String TS = "1531420618";
  private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&"
      + "channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&"
      + "text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&"
      + "trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
  private static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  private static final String NOT_A_TIME =
      "X-Slack-Request-Timestamp is not a Unix time in seconds (1 to 12 digits, nothing else)";

  private final AtomicInteger secretReads = new AtomicInteger();
  private final SlackSignature at = new SlackSignature(() -> {
    secretReads.incrementAndGet();
    return SECRET;
  }, Clock.fixed(Instant.ofEpochSecond(1531420618 + 60), ZoneOffset.UTC));

  @Test
  void slacksWorkedExampleVerifies() {
    assertEquals(EXPECTED, "v0=" + SlackSignature.sign(SECRET, TS, BODY));
    assertEquals(Optional.empty(), at.refusal(TS, EXPECTED, BODY));
  }

  @Test
  void everyKindOfForgeryIsRefused() {
    byte[] tampered = BODY.clone();
    tampered[10] ^= 1;
    assertEquals(Optional.of("signature does not match"), at.refusal(TS, EXPECTED, tampered));
    assertEquals(Optional.of("signature does not match"), at.refusal(TS, EXPECTED.replace('a', 'b'), BODY));
    assertEquals(Optional.of("X-Slack-Signature is not a v0 signature"), at.refusal(TS, "v1=abc", BODY));
    assertTrue(at.refusal("1531420618", EXPECTED, BODY).isEmpty());
    assertTrue(at.refusal("1531420257", EXPECTED, BODY).orElseThrow().contains("away from now"));
  }

  @Test
  void cheapRefusalsNeverReadTheSecret() {
    assertEquals(Optional.of("no X-Slack-Request-Timestamp header"), at.refusal(null, EXPECTED, BODY));
    assertEquals(Optional.of("no X-Slack-Signature header"), at.refusal(TS, " ", BODY));
    assertEquals(Optional.of(NOT_A_TIME), at.refusal("soon", EXPECTED, BODY));
    assertTrue(at.refusal(String.valueOf(1531420618 + 60 + 301), EXPECTED, BODY).orElseThrow()
        .startsWith("timestamp is 301 s away"));
    assertTrue(at.refusal(TS, EXPECTED, new byte[SlackSignature.MAX_BODY_BYTES + 1]).orElseThrow()
        .contains("over the"));
    assertEquals(0, secretReads.get());
  }

  @Test
  void givenTimestampsBuiltToOverflowTheWindow_thenTheyAreRefusedBeforeTheSecretIsRead() {
    long now = 1531420618 + 60;
    for (String ts : new String[] {Long.toString(now + Long.MIN_VALUE), Long.toString(Long.MIN_VALUE),
        Long.toString(Long.MAX_VALUE), "-" + now, "+" + now, " " + now, now + " ", "0" + now, now + ".0", "1e9",
        "\u0661\u0665\u0663\u0661\u0664\u0662\u0660\u0666\u0661\u0668", "9".repeat(13), "0"}) {
      Optional<String> refusal = at.refusal(ts, "v0=" + SlackSignature.sign(SECRET, ts, BODY), BODY);
      assertTrue(refusal.isPresent(), ts);
      assertTrue(refusal.get().equals(NOT_A_TIME) || refusal.get().startsWith("timestamp is "), ts + ": " + refusal);
    }
    assertEquals(0, secretReads.get(), "refused before the secret is read");
  }

  @Test
  void givenASignatureNotInSlacksForm_thenRefusedBeforeTheSecretIsRead() {
    for (String sig : new String[] {EXPECTED.toUpperCase(), EXPECTED.replace("v0=", "V0="), EXPECTED + "0",
        EXPECTED.substring(0, 66) + "g", EXPECTED + "," + EXPECTED, " " + EXPECTED}) {
      assertEquals(Optional.of("X-Slack-Signature is not a v0 signature"), at.refusal(TS, sig, BODY), sig);
    }
    assertEquals(0, secretReads.get());
  }
}
