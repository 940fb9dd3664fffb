package dev.baton.core.history;

import dev.baton.core.history.HistoryUpdate.Kind;
import dev.baton.core.pipeline.ActionExecutionEvent;
import dev.baton.core.pipeline.Artifact;
import dev.baton.core.pipeline.EventHeader;
import dev.baton.core.pipeline.ExecutionState;
import dev.baton.core.pipeline.GitCommit;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineExecutionEvent;
import dev.baton.core.pipeline.StageExecutionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one CodePipeline event writes (docs/storage.md, "execution history"):
 * <ul>
 *   <li>pipeline event: the execution item, and the pipeline's registry entry (for lists across pipelines); one
 *       that ends an execution attempt also adds the attempt to the execution's {@code endedAttempts}, so that its
 *       metric is emitted once, whatever the order;</li>
 *   <li>stage event: the stage item; a FAILED one also marks the failed stage on the execution;</li>
 *   <li>action event: the action item; a FAILED one also puts the error on the execution.</li>
 * </ul>
 * Stage and action events also write the execution's identity (keys, start time, its place in gsi1) and the
 * registry entry, with {@code if_not_exists}: an execution whose pipeline events are late, or parked in the
 * dead-letter queue, is still listed and found, as partial (no status yet).
 * Every write is order-independent and idempotent ({@link HistoryUpdate}), so the stored state depends only on the set
 * of events delivered, not on their order or how often each came.
 */
public final class HistoryUpdates {
  public static final String TYPE = "type";
  public static final String STATUS = "status";
  public static final String STATE_RANK = "stateRank";
  public static final String TRANSITIONS = "transitions";
  public static final String EXPIRES_AT = "expiresAt";
  public static final String FAILED_STAGE_RANK = "failedStageRank";
  public static final String FAILURE_RANK = "failureRank";
  public static final String ENDED_ATTEMPTS = "endedAttempts";

  private HistoryUpdates() {}

  public static List<HistoryUpdate> of(PipelineEvent event, Optional<Duration> retention) {
    return switch (event) {
      case PipelineExecutionEvent e -> List.of(execution(e, retention), registry(e.header()));
      case StageExecutionEvent e -> List.of(stage(e, retention), e.state() == ExecutionState.FAILED
          ? stageFailure(e, retention) : executionSeen(e.header(), retention), registry(e.header()));
      case ActionExecutionEvent e -> List.of(action(e, retention), e.state() == ExecutionState.FAILED
          ? actionFailure(e, retention) : executionSeen(e.header(), retention), registry(e.header()));
    };
  }

  static HistoryUpdate execution(PipelineExecutionEvent e, Optional<Duration> retention) {
    EventHeader h = e.header();
    Map<String, Object> winner = new HashMap<>();
    Set<String> removals = new HashSet<>();
    progress(winner, removals, e.state(), h, retention, "endTime");
    winner.put("attempt", (long) h.attempt());
    Map<String, Object> constants = executionConstants(h);
    if (h.pipelineVersion() > 0) {
      constants.put("pipelineVersion", h.pipelineVersion());
    }
    e.trigger().ifPresent(t -> {
      t.triggerType().ifPresent(v -> constants.put("triggerType", v));
      t.triggerDetail().ifPresent(v -> constants.put("triggerDetail", v));
      t.git().ifPresent(git -> commit(constants, git));
    });
    e.stopComments().ifPresent(c -> constants.put("stopComments", c));
    return new HistoryUpdate(Kind.EXECUTION, HistoryKeys.pipelinePk(h.pipeline()),
        HistoryKeys.executionSk(h.executionId()), STATE_RANK, StateOrder.rank(h.attempt(), e.state(), h.time()),
        winner, removals, constants, Optional.of(transition(h, e.state())),
        e.state().terminal() ? Optional.of((long) h.attempt()) : Optional.empty());
  }

  /**
   * The execution's identity, from a stage or action event: what makes an execution whose pipeline events have not
   * arrived listed (gsi1, by start time) and found; unranked, so it never changes what pipeline events wrote.
   */
  static HistoryUpdate executionSeen(EventHeader h, Optional<Duration> retention) {
    Map<String, Object> constants = executionConstants(h);
    expiry(h, retention).ifPresent(x -> constants.put(EXPIRES_AT, x));
    return new HistoryUpdate(Kind.EXECUTION_SEEN, HistoryKeys.pipelinePk(h.pipeline()),
        HistoryKeys.executionSk(h.executionId()), null, null, Map.of(), Set.of(), constants, Optional.empty());
  }

  /** The pipeline's registry entry: in gsi1 partition {@link HistoryKeys#PIPELINES}, so readers can list pipelines. */
  static HistoryUpdate registry(EventHeader h) {
    Map<String, Object> constants = new HashMap<>();
    constants.put(TYPE, "pipeline");
    constants.put("pipeline", h.pipeline());
    constants.put("pipelineArn", h.pipelineArn());
    constants.put("account", h.account());
    constants.put("region", h.region());
    constants.put("gsi1pk", HistoryKeys.PIPELINES);
    constants.put("gsi1sk", HistoryKeys.pipelinePk(h.pipeline()));
    return new HistoryUpdate(Kind.PIPELINE, HistoryKeys.pipelinePk(h.pipeline()), HistoryKeys.pipelineSk(), null,
        null, Map.of(), Set.of(), constants, Optional.empty());
  }

  static HistoryUpdate stage(StageExecutionEvent e, Optional<Duration> retention) {
    EventHeader h = e.header();
    Map<String, Object> winner = new HashMap<>();
    Set<String> removals = new HashSet<>();
    progress(winner, removals, e.state(), h, retention, "endedAt");
    winner.put("attempt", (long) h.attempt());
    Map<String, Object> constants = new HashMap<>();
    constants.put(TYPE, "stage");
    constants.put("pipeline", h.pipeline());
    constants.put("executionId", h.executionId());
    constants.put("stage", e.stage());
    if (e.state() == ExecutionState.STARTED) {
      constants.put("startedAt", h.time().toString());
    }
    return new HistoryUpdate(Kind.STAGE, HistoryKeys.pipelinePk(h.pipeline()),
        HistoryKeys.stageSk(h.executionId(), e.stage()), STATE_RANK, StateOrder.rank(h.attempt(), e.state(), h.time()),
        winner, removals, constants, Optional.of(transition(h, e.state())));
  }

  static HistoryUpdate stageFailure(StageExecutionEvent e, Optional<Duration> retention) {
    EventHeader h = e.header();
    Map<String, Object> winner = new HashMap<>();
    winner.put("failedStage", e.stage());
    winner.put("failedStageAt", h.time().toString());
    winner.put("failedStageAttempt", (long) h.attempt());
    Map<String, Object> constants = executionConstants(h);
    expiry(h, retention).ifPresent(x -> constants.put(EXPIRES_AT, x));
    return new HistoryUpdate(Kind.STAGE_FAILURE, HistoryKeys.pipelinePk(h.pipeline()),
        HistoryKeys.executionSk(h.executionId()), FAILED_STAGE_RANK,
        StateOrder.rank(h.attempt(), e.state(), h.time()) + "|" + e.stage(), winner, Set.of(), constants,
        Optional.empty());
  }

  static HistoryUpdate action(ActionExecutionEvent e, Optional<Duration> retention) {
    EventHeader h = e.header();
    Map<String, Object> winner = new HashMap<>();
    Set<String> removals = new HashSet<>();
    progress(winner, removals, e.state(), h, retention, "endedAt");
    optional(winner, removals, "externalExecutionSummary", e.result().externalExecutionSummary());
    optional(winner, removals, "errorCode", e.result().errorCode());
    Map<String, Object> constants = new HashMap<>();
    constants.put(TYPE, "action");
    constants.put("pipeline", h.pipeline());
    constants.put("executionId", h.executionId());
    constants.put("stage", e.stage());
    constants.put("action", e.action());
    constants.put("actionExecutionId", e.actionExecutionId());
    constants.put("attempt", (long) h.attempt());
    constants.put("owner", e.type().owner());
    constants.put("provider", e.type().provider());
    constants.put("category", e.type().category());
    constants.put("typeVersion", e.type().version());
    e.actionRegion().ifPresent(r -> constants.put("actionRegion", r));
    e.result().externalExecutionUrl().ifPresent(v -> constants.put("externalExecutionUrl", v));
    e.result().externalExecutionId().ifPresent(v -> constants.put("externalExecutionId", v));
    if (!e.inputArtifacts().isEmpty()) {
      constants.put("inputArtifacts", artifacts(e.inputArtifacts()));
    }
    if (!e.outputArtifacts().isEmpty()) {
      constants.put("outputArtifacts", artifacts(e.outputArtifacts()));
    }
    if (e.state() == ExecutionState.STARTED) {
      constants.put("startedAt", h.time().toString());
    }
    return new HistoryUpdate(Kind.ACTION, HistoryKeys.pipelinePk(h.pipeline()),
        HistoryKeys.actionSk(h.executionId(), e.stage(), e.action(), h.attempt(), e.actionExecutionId()),
        STATE_RANK, StateOrder.rank(h.attempt(), e.state(), h.time()), winner, removals, constants,
        Optional.of(transition(h, e.state())));
  }

  static HistoryUpdate actionFailure(ActionExecutionEvent e, Optional<Duration> retention) {
    EventHeader h = e.header();
    Map<String, Object> winner = new HashMap<>();
    Set<String> removals = new HashSet<>();
    winner.put("failedAction", e.action());
    winner.put("failedActionStage", e.stage());
    winner.put("failedActionExecutionId", e.actionExecutionId());
    winner.put("failureCategory", e.type().category());
    winner.put("failureProvider", e.type().provider());
    winner.put("failureAttempt", (long) h.attempt());
    winner.put("failureAt", h.time().toString());
    optional(winner, removals, "failureCode", e.result().errorCode());
    optional(winner, removals, "failureSummary", e.result().externalExecutionSummary());
    optional(winner, removals, "failureUrl", e.result().externalExecutionUrl());
    Map<String, Object> constants = executionConstants(h);
    expiry(h, retention).ifPresent(x -> constants.put(EXPIRES_AT, x));
    String rank = StateOrder.rank(h.attempt(), e.state(), h.time()) + "|" + e.stage() + "|" + e.action() + "|"
        + e.actionExecutionId();
    return new HistoryUpdate(Kind.ACTION_FAILURE, HistoryKeys.pipelinePk(h.pipeline()),
        HistoryKeys.executionSk(h.executionId()), FAILURE_RANK, rank, winner, removals, constants, Optional.empty());
  }

  /** The fields that follow the winning event: state, when it changed, when it ended, and the TTL from then. */
  private static void progress(Map<String, Object> winner, Set<String> removals, ExecutionState state, EventHeader h,
                               Optional<Duration> retention, String endField) {
    winner.put(STATUS, state.name());
    winner.put("lastChangeAt", h.time().toString());
    if (state.terminal()) {
      winner.put(endField, h.time().toString());
    } else {
      removals.add(endField);
    }
    expiry(h, retention).ifPresentOrElse(x -> winner.put(EXPIRES_AT, x), () -> removals.add(EXPIRES_AT));
  }

  /** What every event of an execution says about it: keys, where it runs, and when it started (its gsi1 place). */
  private static Map<String, Object> executionConstants(EventHeader h) {
    Map<String, Object> constants = new HashMap<>();
    constants.put(TYPE, "execution");
    constants.put("pipeline", h.pipeline());
    constants.put("executionId", h.executionId());
    constants.put("pipelineArn", h.pipelineArn());
    constants.put("account", h.account());
    constants.put("region", h.region());
    h.startTime().ifPresent(start -> {
      constants.put("startTime", start.toString());
      constants.put("gsi1pk", HistoryKeys.pipelinePk(h.pipeline()));
      constants.put("gsi1sk", HistoryKeys.executionGsiSk(start, h.executionId()));
    });
    return constants;
  }

  private static void commit(Map<String, Object> constants, GitCommit git) {
    constants.put("commitId", git.commitId());
    git.message().ifPresent(v -> constants.put("commitMessage", v));
    git.author().ifPresent(v -> constants.put("commitAuthor", v));
    git.authorDate().ifPresent(v -> constants.put("commitTime", v.toString()));
    git.branch().ifPresent(v -> constants.put("branch", v));
    git.tag().ifPresent(v -> constants.put("tag", v));
    git.repository().ifPresent(v -> constants.put("repository", v));
    git.providerType().ifPresent(v -> constants.put("sourceProvider", v));
  }

  private static void optional(Map<String, Object> winner, Set<String> removals, String name, Optional<String> v) {
    v.ifPresentOrElse(x -> winner.put(name, x), () -> removals.add(name));
  }

  private static String transition(EventHeader h, ExecutionState state) {
    return new Transition(h.attempt(), h.time(), state).encode();
  }

  private static Optional<Long> expiry(EventHeader h, Optional<Duration> retention) {
    return retention.map(d -> h.time().plus(d).getEpochSecond());
  }

  private static List<String> artifacts(List<Artifact> artifacts) {
    List<String> out = new ArrayList<>();
    for (Artifact a : artifacts) {
      out.add(a.name() + a.bucket().map(b -> " s3://" + b + "/" + a.key().orElse("")).orElse(""));
    }
    return out;
  }

  /** For the recorder: the write that records the event itself (not a side note on the execution). */
  static boolean primary(HistoryUpdate u) {
    return u.kind() == Kind.EXECUTION || u.kind() == Kind.STAGE || u.kind() == Kind.ACTION;
  }
}
