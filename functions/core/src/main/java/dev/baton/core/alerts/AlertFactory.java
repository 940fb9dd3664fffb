package dev.baton.core.alerts;

import dev.baton.core.log.Log;
import dev.baton.core.pipeline.ActionExecutionEvent;
import dev.baton.core.pipeline.ExecutionTrigger;
import dev.baton.core.pipeline.GitCommit;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineExecutionEvent;
import dev.baton.core.pipeline.StageExecutionEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the {@link Alert} for an event: what the event says, completed from CodePipeline when it says too little
 * (the error of an action, the failed actions of a stage or execution, the trigger and source revision) and from
 * the release link Baton's release-trigger wrote. A look-up that fails leaves its part out: the alert still goes.
 */
final class AlertFactory {
  private final ExecutionLookup lookup;
  private final AlertStore store;

  AlertFactory(ExecutionLookup lookup, AlertStore store) {
    this.lookup = lookup;
    this.store = store;
  }

  /** The failed action an action event reports. */
  static FailedAction failedAction(ActionExecutionEvent a) {
    return new FailedAction(a.stage(), a.action(), Optional.of(a.type().provider()), Optional.of(a.type().category()),
        a.result().externalExecutionSummary(), a.result().errorCode(), a.result().externalExecutionUrl(),
        a.result().externalExecutionId());
  }

  Alert create(PipelineEvent event, AlertKind candidate, PreviousOutcome previous) {
    String pipeline = event.pipeline();
    String executionId = event.executionId();
    List<FailedAction> actions = List.of();
    Optional<String> stage = Optional.empty();
    Optional<String> state = Optional.empty();
    Optional<String> summary = Optional.empty();
    Optional<Trigger> trigger = Optional.empty();
    Optional<Provenance> provenance = Optional.empty();

    switch (event) {
      case ActionExecutionEvent a -> {
        FailedAction f = failedAction(a);
        if (f.lacksError()) {
          f = lookUp("ListActionExecutions", event, () -> lookup.failedActions(pipeline, executionId,
              Optional.of(a.stage()))).orElse(List.of()).stream()
              .filter(x -> x.stage().equals(a.stage()) && x.action().equals(a.action()))
              .findFirst().map(f::completedBy).orElse(f);
        }
        actions = List.of(f);
        stage = Optional.of(a.stage());
      }
      case StageExecutionEvent s -> {
        stage = Optional.of(s.stage());
        actions = lookUp("ListActionExecutions", event, () -> lookup.failedActions(pipeline, executionId,
            Optional.of(s.stage()))).orElse(List.of());
      }
      case PipelineExecutionEvent p -> {
        state = Optional.of(p.state().name());
        summary = p.stopComments();
        trigger = p.trigger().flatMap(AlertFactory::trigger);
        provenance = p.trigger().flatMap(ExecutionTrigger::git).map(AlertFactory::commit);
        if (candidate == AlertKind.FAILED) {
          actions = lookUp("ListActionExecutions", event, () -> lookup.failedActions(pipeline, executionId,
              Optional.empty())).orElse(List.of());
        }
      }
    }

    if (provenance.isEmpty()) {
      provenance = lookUp("release link", event, () -> store.releaseOf(pipeline, executionId))
          .flatMap(o -> o.map(Provenance.class::cast));
    }
    boolean wantsSummary = event instanceof PipelineExecutionEvent && candidate != AlertKind.SUCCEEDED
        && candidate != AlertKind.RECOVERED && summary.isEmpty();
    if (trigger.isEmpty() || provenance.isEmpty() || wantsSummary) {
      Optional<ExecutionFacts> facts = lookUp("GetPipelineExecution", event,
          () -> lookup.execution(pipeline, executionId)).flatMap(f -> f);
      if (facts.isPresent()) {
        trigger = trigger.or(() -> facts.get().trigger());
        provenance = provenance.or(() -> facts.get().revisions().stream().findFirst());
        if (wantsSummary) {
          summary = facts.get().statusSummary();
        }
      }
    }

    AlertKind kind = candidate == AlertKind.FAILED && !actions.isEmpty()
        && actions.stream().allMatch(FailedAction::isApproval) ? AlertKind.APPROVAL_REJECTED : candidate;
    Optional<String> recoveredFrom = kind == AlertKind.RECOVERED ? previous.executionId().map(id ->
        id.equals(executionId) ? "attempt " + previous.attempt() : "execution " + AlertText.shortId(id))
        : Optional.empty();
    return new Alert(kind, pipeline, executionId, event.attempt(), event.header().account(),
        event.header().region(), state, stage, actions, provenance, trigger, event.header().startTime(),
        event.time(), summary, recoveredFrom);
  }

  private static Optional<Trigger> trigger(ExecutionTrigger t) {
    return t.triggerType().map(type -> new Trigger(type, t.triggerDetail()));
  }

  private static Provenance commit(GitCommit g) {
    return new Provenance.Commit(g.commitId(), g.message(), g.author(), g.branch(), g.tag(), g.repository(),
        Optional.empty());
  }

  private static <T> Optional<T> lookUp(String what, PipelineEvent event, Supplier<T> call) {
    try {
      return Optional.ofNullable(call.get());
    } catch (RuntimeException e) {
      Log.warn("look-up failed; the alert goes without what it would have added", "lookup", what,
          "pipeline", event.pipeline(), "executionId", event.executionId(), "error", e.toString());
      return Optional.empty();
    }
  }
}
