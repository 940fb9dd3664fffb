package dev.baton.aws.priming;

import dev.baton.aws.dynamodb.DynamoReleaseStore;
import dev.baton.core.release.ReleaseRecord;
import dev.baton.core.release.ReleaseStatus;
import dev.baton.core.release.S3Object;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What another function would have left in the table, put in priming's table ({@link PrimingTable}) so that a
 * priming path which reads it takes the branch a real event takes. Written through Baton's own stores, on priming's
 * clients only.
 */
public final class PrimingSeeds {
  private PrimingSeeds() {}

  /**
   * A release of {@code pipeline} by release rule {@code rule} that started execution {@code executionId}, as
   * release-trigger records it: the release record (claimed, then STARTED) and its link beside the execution.
   */
  public static void startedRelease(DynamoReleaseStore store, String rule, String pipeline, String executionId) {
    Instant now = Instant.now();
    S3Object object = new S3Object("priming", "releases/priming/1.0.0/priming.zip", Optional.of("priming-version"),
        "e", "00", 1, "PutObject");
    ReleaseRecord record = new ReleaseRecord(object, rule, pipeline, Map.of("PRIMING", "priming"), Optional.empty(),
        "priming-" + executionId, ReleaseStatus.STARTING, now, Optional.empty(), Optional.empty(), Optional.empty(),
        now.plusSeconds(60), 1, Optional.empty());
    store.claim(record);
    store.markStarted(record, executionId, now);
  }
}
