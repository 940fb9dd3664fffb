package dev.baton.aws.dynamodb;

import dev.baton.core.history.ActionFailure;
import dev.baton.core.history.ActionRecord;
import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.history.ReleaseLink;
import dev.baton.core.history.StageRecord;
import dev.baton.core.history.Transition;
import dev.baton.core.pipeline.ActionType;
import dev.baton.core.pipeline.ExecutionResult;
import dev.baton.core.pipeline.ExecutionState;
import dev.baton.core.pipeline.GitCommit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stored history items (docs/storage.md) as domain records. */
final class HistoryItems {
  private HistoryItems() {}

  static ExecutionRecord execution(Map<String, AttributeValue> item) {
    Optional<GitCommit> commit = Attr.str(item, "commitId").map(id -> new GitCommit(id,
        Attr.str(item, "commitMessage"), Attr.str(item, "commitAuthor"), Optional.empty(),
        Attr.instant(item, "commitTime"), Attr.str(item, "branch"), Attr.str(item, "tag"),
        Attr.str(item, "repository"), Attr.str(item, "sourceProvider"), Optional.empty()));
    Optional<ActionFailure> failure = Attr.str(item, "failedAction").map(action -> new ActionFailure(
        Attr.req(item, "failedActionStage"), action, Attr.str(item, "failedActionExecutionId").orElse(""),
        Attr.str(item, "failureCategory").orElse(""), Attr.str(item, "failureProvider").orElse(""),
        (int) Attr.num(item, "failureAttempt", 1), Attr.instant(item, "failureAt").orElse(Instant.EPOCH),
        Attr.str(item, "failureCode"), Attr.str(item, "failureSummary"), Attr.str(item, "failureUrl")));
    return new ExecutionRecord(Attr.req(item, "pipeline"), Attr.req(item, "executionId"), status(item),
        (int) Attr.num(item, "attempt", 1), Attr.instant(item, "startTime"), Attr.instant(item, "endTime"),
        Attr.instant(item, "lastChangeAt"), Attr.str(item, "triggerType"), Attr.str(item, "triggerDetail"), commit,
        Attr.str(item, "stopComments"), Attr.str(item, "failedStage"), failure, transitions(item));
  }

  static StageRecord stage(Map<String, AttributeValue> item) {
    return new StageRecord(Attr.req(item, "stage"), status(item).orElseThrow(), (int) Attr.num(item, "attempt", 1),
        Attr.instant(item, "startedAt"), Attr.instant(item, "endedAt"), Attr.instant(item, "lastChangeAt"),
        transitions(item));
  }

  static ActionRecord action(Map<String, AttributeValue> item) {
    return new ActionRecord(Attr.req(item, "stage"), Attr.req(item, "action"), Attr.req(item, "actionExecutionId"),
        (int) Attr.num(item, "attempt", 1), status(item).orElseThrow(),
        new ActionType(Attr.str(item, "owner").orElse(""), Attr.str(item, "provider").orElse(""),
            Attr.str(item, "category").orElse(""), Attr.str(item, "typeVersion").orElse("")),
        Attr.str(item, "actionRegion"), Attr.instant(item, "startedAt"), Attr.instant(item, "endedAt"),
        Attr.instant(item, "lastChangeAt"),
        new ExecutionResult(Attr.str(item, "externalExecutionUrl"), Attr.str(item, "externalExecutionSummary"),
            Attr.str(item, "externalExecutionId"), Attr.str(item, "errorCode")),
        strings(item, "inputArtifacts"), strings(item, "outputArtifacts"), transitions(item));
  }

  static ReleaseLink release(Map<String, AttributeValue> item) {
    return new ReleaseLink(Attr.req(item, "bucket"), Attr.req(item, "key"), Attr.str(item, "versionId"),
        Attr.str(item, "rule").orElse(""), Attr.instant(item, "requestedAt").orElse(Instant.EPOCH),
        Attr.map(item, "variables"), Attr.str(item, "requestedBy"), Attr.str(item, "requestedByName"));
  }

  private static Optional<ExecutionState> status(Map<String, AttributeValue> item) {
    return Attr.str(item, "status").flatMap(ExecutionState::of);
  }

  private static List<Transition> transitions(Map<String, AttributeValue> item) {
    AttributeValue v = item.get("transitions");
    return v == null || !v.hasSs() ? List.of() : v.ss().stream().map(Transition::decode).toList();
  }

  private static List<String> strings(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
  }
}
