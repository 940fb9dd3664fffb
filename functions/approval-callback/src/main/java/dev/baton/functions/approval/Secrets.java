package dev.baton.functions.approval;

import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.log.Log;

/** Reads the Slack secret in the background while the rest of the function starts, so the first click does not wait. */
final class Secrets {
  private Secrets() {}

  /** Starts a prefetch now and returns a way to start another (after a SnapStart restore). */
  static Runnable prefetch(SecretLoader secrets, String reference) {
    Runnable start = () -> {
      Thread t = new Thread(() -> {
        try {
          secrets.field(reference, "signingSecret");
        } catch (RuntimeException e) {
          // the first request reads it again and fails with the reason if it still cannot
          Log.warn("could not read the Slack secret ahead of the first request", "secret", reference,
              "error", e.getMessage());
        }
      }, "baton-secret-prefetch");
      t.setDaemon(true);
      t.start();
    };
    start.run();
    return start;
  }
}
