package dev.baton.functions.approval;

import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.log.Log;

/**
 * Reads the Slack secret in the background ahead of the first request, where the environment is initialised ahead
 * of requests (SnapStart, provisioned concurrency); on an on-demand cold start the first request that needs the
 * secret reads it, so a refused request builds no Secrets Manager client at all.
 */
final class Secrets {
  /** Set by Lambda: {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}. */
  static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

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
    if (aheadOfRequests(System.getenv(INITIALIZATION_TYPE))) {
      start.run();
    }
    return start;
  }

  static boolean aheadOfRequests(String initializationType) {
    return "snap-start".equals(initializationType) || "provisioned-concurrency".equals(initializationType);
  }
}
