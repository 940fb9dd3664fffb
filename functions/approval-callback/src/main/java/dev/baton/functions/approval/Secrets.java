package dev.baton.functions.approval;

import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.log.Log;
import dev.baton.core.runtime.Priming;

/**
 * Reads the Slack secret in the background ahead of the first request where Lambda initialises the environment
 * ahead of requests: at init with provisioned concurrency, and after each restore with SnapStart (never before the
 * snapshot: a snapshot lives as long as its function version and serves every environment restored from it, so it
 * must not hold a secret that rotates). On an on-demand cold start the first request that needs the secret reads
 * it, so a refused request builds no Secrets Manager client at all.
 */
final class Secrets {
  private Secrets() {}

  /** Starts a prefetch now if this environment is initialised ahead of requests; returns a way to start one later. */
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
    if (prefetchAtInit(System.getenv(Priming.INITIALIZATION_TYPE))) {
      start.run();
    }
    return start;
  }

  /** Only provisioned concurrency: with SnapStart init runs before the snapshot, and the restore hook reads it. */
  static boolean prefetchAtInit(String initializationType) {
    return "provisioned-concurrency".equals(initializationType);
  }
}
