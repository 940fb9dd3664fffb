package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The callback as a SnapStart version ({@code LocalLambda.snapStart}): a snapshot taken well before the click (here
 * longer than the whole 2.5 s budget) must not make the first click after the restore look late. Its budget counts
 * from the restore, so it is finished within the click (PutApprovalResult, chat.update) and nothing is handed off;
 * counted from init, as before, it was always handed off and the approval stayed APPROVING until the hand-off ran.
 * Priming also left the posted approval alone and called nothing.
 */
class SnapStartCallbackE2ETest extends ApprovalStackTest {
  @Test
  void givenTheFirstClickAfterARestoreLongAfterTheSnapshot_thenItIsFinishedWithinTheClickAndNotHandedOff()
      throws InterruptedException {
    posted();
    var before = everything();
    try (LocalLambda fn = stack.function(CALLBACK_FN, Map.of("BATON_TABLE", table), b -> b.snapStart(true))) {
      fn.awaitSnapshot(Duration.ofSeconds(90));
      assertEquals(0, stack.wiremock().getAllServeEvents().size(), "priming called nothing");
      assertEquals(before, everything(), "priming changed no item");
      Thread.sleep(3_000);   // the snapshot waits longer than the whole budget before this environment is restored

      Invocation click = fn.invoke(click("slack-block-actions-approve.json", "U0ALICE"));

      assertEquals(200, status(click), () -> click + "\n" + fn.log());
      assertEquals(1, cpCalls("PutApprovalResult"), fn::log);
      assertEquals(1, slack("chat.update").size());
      assertEquals(0, handOffs(), () -> "nothing handed off: " + fn.log());
      assertEquals("APPROVED", approval().get("status").s());
      List<String> secretReads = stack.wiremock().getAllServeEvents().stream()
          .map(e -> e.getRequest().getHeader("X-Amz-Target")).filter("secretsmanager.GetSecretValue"::equals).toList();
      assertTrue(secretReads.size() <= 1, "the secret is read after the restore, once: " + secretReads);
    }
  }
}
