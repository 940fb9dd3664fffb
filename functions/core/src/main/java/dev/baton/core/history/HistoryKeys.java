package dev.baton.core.history;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The keys of history items (docs/storage.md). Everything about one execution sits in its pipeline's partition under
 * {@code EXEC#<id>}, so one Query with {@code begins_with(sk, "EXEC#<id>")} reads the execution, its stages, its
 * actions and the release that started it.
 */
public final class HistoryKeys {
  /** The partition of the pipeline registry in gsi1: every pipeline Baton has seen. */
  public static final String PIPELINES = "PIPELINES";
  private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private HistoryKeys() {}

  public static String pipelinePk(String pipeline) {
    return "PIPELINE#" + pipeline;
  }

  public static String executionSk(String executionId) {
    return "EXEC#" + executionId;
  }

  public static String stageSk(String executionId, String stage) {
    return executionSk(executionId) + "#STAGE#" + stage;
  }

  public static String actionSk(String executionId, String stage, String action, int attempt,
                                String actionExecutionId) {
    return executionSk(executionId) + "#ACTION#" + stage + "#" + action + "#" + String.format("%05d", attempt) + "#"
        + actionExecutionId;
  }

  public static String releaseLinkSk(String executionId) {
    return executionSk(executionId) + "#RELEASE";
  }

  /** The link from an execution a promotion started to the execution it was promoted from. */
  public static String promotionLinkSk(String executionId) {
    return executionSk(executionId) + "#PROMOTION";
  }

  /** The pipeline's own item (the registry entry): sort key of the pipeline partition. */
  public static String pipelineSk() {
    return "PIPELINE";
  }

  /** gsi1 sort key of an execution: its start time, fixed-width so that it sorts, then its id. */
  public static String executionGsiSk(Instant startTime, String executionId) {
    return "EXEC#" + timeKey(startTime) + "#" + executionId;
  }

  /** A fixed-width UTC timestamp with milliseconds ({@code 2026-11-20T09:14:04.612Z}) that sorts as a string. */
  public static String timeKey(Instant time) {
    return SORTABLE.format(time);
  }
}
