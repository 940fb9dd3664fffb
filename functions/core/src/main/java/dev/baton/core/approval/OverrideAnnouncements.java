package dev.baton.core.approval;

import dev.baton.core.log.Log;
import java.time.Clock;

/**
 * The channel is told, in a message of its own, when an approval was approved overriding a freeze, once CodePipeline
 * took the approval: exactly one announcement per approval (the right to send it is claimed by a conditional write,
 * and given back when sending fails, so the retry sends it).
 */
public final class OverrideAnnouncements {
  private final ApprovalStore store;
  private final ApprovalMessenger messenger;
  private final Clock clock;

  public OverrideAnnouncements(ApprovalStore store, ApprovalMessenger messenger, Clock clock) {
    this.store = store;
    this.messenger = messenger;
    this.clock = clock;
  }

  /** Whether {@code a} has an override to announce (it may have been announced already). */
  public static boolean due(Approval a) {
    return a.status() == ApprovalStatus.APPROVED && a.posted()
        && a.decision().flatMap(Decision::breakGlass).isPresent();
  }

  /** Announces {@code a}'s override unless it has none or it was announced; a failure is thrown, for a retry. */
  public void announce(Approval a) {
    if (!due(a) || !store.claimOverrideAnnouncement(a.id(), clock.instant())) {
      return;
    }
    try {
      messenger.announceOverride(a);
    } catch (RuntimeException e) {
      store.releaseOverrideAnnouncement(a.id());
      throw e;
    }
    Log.info("break-glass approval announced in the channel", "approvalId", a.id(),
        "channel", a.channel().orElse(null), "freeze", a.decision().flatMap(Decision::breakGlass)
            .map(BreakGlassOverride::freeze).orElse(null));
  }
}
