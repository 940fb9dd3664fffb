package dev.baton.slack.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.approval.Approval;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * GIVEN a click Slack signed a moment ago
 * WHEN anything of it is changed without the signing secret (a body byte flipped, inserted or dropped; the signature
 *   or timestamp header altered or removed), or it is signed with the secret but with a timestamp out of the 5-minute
 *   window or not in Slack's form (huge, negative, padded, signed, fractional, non-ASCII digits)
 * THEN the callback answers 401 (400 for a body that is not base64) and reads nothing, writes nothing and calls
 *   nothing: no DynamoDB request, no CodePipeline or Slack request, no hand-off.
 * The same click unchanged is approved, so the property can fail.
 */
class SlackCallbackForgeryTest {
  private static ApprovalRig rig;
  private static Approval approval;
  private static SlackCallback callback;

  @BeforeContainer
  static void start() {
    rig = new ApprovalRig();
    rig.reset();
    approval = rig.pending(Optional.empty(), Optional.of("arn:aws:sts::123456789012:assumed-role/Other/x"));
    callback = rig.callback(Duration.ofMillis(2500));
  }

  @AfterContainer
  static void stop() {
    rig.close();
  }

  @BeforeTry
  void countFromZero() {
    rig.wiremock.resetRequests();
    rig.dynamoCalls.set(0);
    rig.handOffs.clear();
    rig.secretReads.set(0);
  }

  /** One change to a genuine request. */
  record Forgery(String what, byte[] body, Map<String, String> headers) {
    @Override
    public String toString() {
      return what + " " + headers + " body " + new String(body, StandardCharsets.UTF_8).length() + " chars";
    }
  }

  @Property(tries = 300)
  void everyChangeWithoutTheSecretIsRefusedWithNoEffect(@ForAll("forgeries") Forgery f) {
    int status = status(callback.handle(Json.parseObject(ApprovalRig.event(f.body(), f.headers())), rig.nanos.get(),
        rig.handOff()));

    assertEquals(401, status, f::toString);
    assertNothingHappened(f);
  }

  @Property(tries = 200)
  void aSignedRequestWithATimestampOutOfTheWindowOrOutOfShapeIsRefusedWithNoEffect(
      @ForAll("badTimestamps") String timestamp) {
    byte[] body = ApprovalRig.clickBody(approval.id(), "U0ALICE", true);
    Forgery f = new Forgery("signed at " + timestamp, body, ApprovalRig.signedHeaders(body, timestamp));

    assertEquals(401, status(callback.handle(Json.parseObject(ApprovalRig.event(body, f.headers())), rig.nanos.get(),
        rig.handOff())), f::toString);
    assertNothingHappened(f);
    assertEquals(0, rig.secretReads.get(), "refused before the signing secret is read");
  }

  @Property(tries = 50)
  void aBodyThatIsNotBase64IsRefusedWithNoEffect(@ForAll("genuine") Forgery genuine,
                                                 @ForAll("notBase64") String raw) {
    Map<String, Object> event = new LinkedHashMap<>(Json.parseObject(ApprovalRig.event(genuine.body(),
        genuine.headers())).asMap());
    event.put("body", raw);

    assertEquals(400, status(callback.handle(JsonObject.of(event), rig.nanos.get(), rig.handOff())));
    assertNothingHappened(genuine);
  }

  @Example
  void theGenuineClickIsApproved() {
    Forgery f = genuine().sample();

    assertEquals(200, status(callback.handle(Json.parseObject(ApprovalRig.event(f.body(), f.headers())),
        rig.nanos.get(), rig.handOff())));
    assertTrue(rig.dynamoCalls.get() > 0 && rig.cpCalls("PutApprovalResult") == 1, "the unchanged click goes through");
    assertEquals("APPROVED", rig.store.find(approval.id()).orElseThrow().status().name());
  }

  private static void assertNothingHappened(Forgery f) {
    assertEquals(0, rig.dynamoCalls.get(), () -> "DynamoDB requests for " + f);
    assertEquals(0, rig.outboundCalls(), () -> "CodePipeline/Slack requests for " + f);
    assertEquals(List.of(), rig.handOffs, f::toString);
  }

  private static int status(String answer) {
    return Json.parseObject(answer).optLong("statusCode").orElse(-1L).intValue();
  }

  @Provide
  Arbitrary<Forgery> genuine() {
    return Arbitraries.of("U0ALICE", "U0BOB", "U0CAROL").map(user -> {
      byte[] body = ApprovalRig.clickBody(approval.id(), user, true);
      return new Forgery("genuine", body, ApprovalRig.signedHeaders(body, now()));
    });
  }

  @Provide
  Arbitrary<Forgery> forgeries() {
    return Arbitraries.oneOf(bodyChanges(), signatureChanges(), timestampChanges(), removedHeaders());
  }

  private Arbitrary<Forgery> bodyChanges() {
    return Combinators.combine(genuine(), Arbitraries.integers().between(0, 2), Arbitraries.doubles().between(0, 1),
        Arbitraries.bytes()).as((g, kind, at, b) -> {
          byte[] body = g.body();
          int i = (int) (at * (body.length - 1));
          byte[] changed = switch (kind) {
            case 0 -> flip(body, i, (byte) (b == 0 ? 1 : b));
            case 1 -> insert(body, i, b);
            default -> delete(body, i);
          };
          return new Forgery(List.of("flip", "insert", "delete").get(kind) + " at " + i, changed, g.headers());
        });
  }

  private Arbitrary<Forgery> signatureChanges() {
    return Combinators.combine(genuine(), Arbitraries.integers().between(0, 6), Arbitraries.integers()
        .between(3, 66), Arbitraries.strings().ofMinLength(1).ofMaxLength(8)).as((g, kind, at, s) -> {
          String sig = g.headers().get("x-slack-signature");
          String changed = switch (kind) {
            case 0 -> sig.substring(0, at) + (sig.charAt(at) == '0' ? '1' : '0') + sig.substring(at + 1);
            case 1 -> sig.toUpperCase();
            case 2 -> sig.substring(3);
            case 3 -> "v1=" + sig.substring(3);
            case 4 -> sig.substring(0, at);
            case 5 -> sig + s;
            default -> sig + "," + sig;
          };
          return with(g, "signature " + kind, "x-slack-signature", changed);
        }).filter(f -> !f.headers().get("x-slack-signature").equals(signature(f)));
  }

  private Arbitrary<Forgery> timestampChanges() {
    return Combinators.combine(genuine(), Arbitraries.longs().between(-100_000, 100_000).filter(d -> d != 0),
        badTimestamps()).as((g, delta, bad) -> List.of(
            with(g, "timestamp moved " + delta + " s", "x-slack-request-timestamp",
                Long.toString(Long.parseLong(g.headers().get("x-slack-request-timestamp")) + delta)),
            with(g, "timestamp " + bad, "x-slack-request-timestamp", bad)))
        .flatMap(Arbitraries::of);
  }

  private Arbitrary<Forgery> removedHeaders() {
    return Combinators.combine(genuine(), Arbitraries.of("x-slack-signature", "x-slack-request-timestamp"))
        .as((g, header) -> {
          Map<String, String> h = new LinkedHashMap<>(g.headers());
          h.remove(header);
          return new Forgery("without " + header, g.body(), h);
        });
  }

  /** Timestamps Slack never sends, or sent more than 5 minutes from now. */
  @Provide
  Arbitrary<String> badTimestamps() {
    long now = Long.parseLong(now());
    // A minute past the 5-minute window: "now" is read once, and a try on a busy machine may run seconds later (at
    // now + 301 that would be back inside the window).
    return Arbitraries.oneOf(
        Arbitraries.longs().filter(t -> Math.abs((double) t - now) > 360).map(String::valueOf),
        Arbitraries.longs().between(361, 1_000_000_000L).flatMap(d -> Arbitraries.of(now - d, now + d))
            .map(String::valueOf),
        Arbitraries.of(Long.toString(now + Long.MIN_VALUE), Long.toString(Long.MIN_VALUE),
            Long.toString(Long.MAX_VALUE), BigInteger.valueOf(now).add(BigInteger.TWO.pow(64)).toString(), "0", ""),
        Arbitraries.of("+", "-", " ", "0", "00", "\t").map(p -> p + now),
        Arbitraries.of(".0", " ", "e0", "\n", "s").map(s -> now + s),
        Arbitraries.strings().withChars("0123456789").ofMinLength(13).ofMaxLength(40),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(20).filter(s -> !s.matches("[1-9][0-9]{0,11}")),
        Arbitraries.just(Long.toString(now).chars().mapToObj(c -> String.valueOf((char) ('\u0660' + c - '0')))
            .reduce("", String::concat)));
  }

  @Provide
  Arbitrary<String> notBase64() {
    return Arbitraries.strings().withChars("%$#!*&^ ").ofMinLength(1).ofMaxLength(30);
  }

  private static Forgery with(Forgery g, String what, String header, String value) {
    Map<String, String> h = new LinkedHashMap<>(g.headers());
    h.put(header, value);
    return new Forgery(what, g.body(), h);
  }

  private static String signature(Forgery f) {
    return ApprovalRig.signedHeaders(f.body(), f.headers().get("x-slack-request-timestamp"))
        .get("x-slack-signature");
  }

  private static String now() {
    return Long.toString(Instant.now().getEpochSecond());
  }

  private static byte[] flip(byte[] b, int i, byte mask) {
    byte[] c = b.clone();
    c[i] ^= mask;
    return c;
  }

  private static byte[] insert(byte[] b, int i, byte x) {
    byte[] c = new byte[b.length + 1];
    System.arraycopy(b, 0, c, 0, i);
    c[i] = x;
    System.arraycopy(b, i, c, i + 1, b.length - i);
    return c;
  }

  private static byte[] delete(byte[] b, int i) {
    byte[] c = Arrays.copyOf(b, b.length - 1);
    System.arraycopy(b, i + 1, c, i, b.length - i - 1);
    return c;
  }
}
