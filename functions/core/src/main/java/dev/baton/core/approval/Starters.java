package dev.baton.core.approval;

import dev.baton.core.log.Log;
import java.util.Optional;

/**
 * Who started the execution an approval waits in, for the rule that they may not approve it: as stored, or looked up
 * in CodePipeline now (the execution first, when the request did not find it) and stored once found, so it is asked
 * once per approval.
 */
public final class Starters {
  private final ExecutionLookup executions;
  private final ApprovalStore store;

  public Starters(ExecutionLookup executions, ApprovalStore store) {
    this.executions = executions;
    this.store = store;
  }

  /**
   * The starter as CodePipeline reports it.
   *
   * @throws StarterUnknownException when it cannot be known now: CodePipeline did not answer, shows no execution
   *     waiting on the approval, or does not say who started it
   */
  String of(Approval a) {
    if (a.startedBy().isPresent()) {
      return a.startedBy().get();
    }
    String pipeline = a.request().pipeline();
    Optional<String> execution;
    Optional<String> starter;
    try {
      execution = a.executionId().isPresent() ? a.executionId() : executions.waitingExecution(a.request());
      if (execution.isEmpty()) {
        throw new StarterUnknownException("CodePipeline shows no execution of " + pipeline + " waiting on "
            + a.request().where(), null);
      }
      starter = executions.startedBy(pipeline, execution.get());
    } catch (StarterUnknownException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StarterUnknownException("CodePipeline did not answer: " + e.getMessage(), e);
    }
    if (starter.isEmpty()) {
      throw new StarterUnknownException("CodePipeline does not say who started execution " + execution.get(), null);
    }
    record(a, execution.get(), starter.get());
    return starter.get();
  }

  /**
   * Fills in the starter of an approval stored without it, now that its execution is known (the approval action's
   * STARTED event). Best effort: when CodePipeline cannot tell now, a click looks again.
   */
  void fill(Approval a, String executionId) {
    if (a.startedBy().isPresent()) {
      return;
    }
    try {
      executions.startedBy(a.request().pipeline(), executionId).ifPresent(s -> record(a, executionId, s));
    } catch (RuntimeException e) {
      Log.warn("could not find who started the execution of an approval; it is looked up again when someone "
          + "approves", "approvalId", a.id(), "executionId", executionId, "error", e.getMessage());
    }
  }

  private void record(Approval a, String executionId, String starter) {
    store.recordStarter(a.id(), executionId, starter);
    Log.info("recorded who started the execution of an approval", "approvalId", a.id(), "executionId", executionId,
        "startedBy", starter);
  }
}
