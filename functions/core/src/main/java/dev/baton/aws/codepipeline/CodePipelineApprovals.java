package dev.baton.aws.codepipeline;

import dev.baton.core.approval.ApprovalGate;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.Decision;
import dev.baton.core.approval.ExecutionLookup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.ApprovalAlreadyCompletedException;
import software.amazon.awssdk.services.codepipeline.model.ApprovalStatus;
import software.amazon.awssdk.services.codepipeline.model.ExecutionTrigger;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineStateResponse;
import software.amazon.awssdk.services.codepipeline.model.InvalidApprovalTokenException;
import software.amazon.awssdk.services.codepipeline.model.ListActionExecutionsResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.StageState;

/**
 * CodePipeline for approvals: PutApprovalResult (already-completed and invalid-token answers are normal outcomes;
 * throttling and 5xx are retried by the SDK and then thrown), and finding the execution that waits on a request:
 * GetPipelineState (the approval action whose latest execution carries the request's token) and
 * GetPipelineExecution (its trigger: who started it). A pipeline or execution CodePipeline does not know is not
 * found; anything else that fails is thrown.
 */
public final class CodePipelineApprovals implements ApprovalGate, ExecutionLookup {
  private final CodePipelineClient client;
  private final Optional<Duration> callTimeout;

  public CodePipelineApprovals(CodePipelineClient client) {
    this(client, Optional.empty());
  }

  private CodePipelineApprovals(CodePipelineClient client, Optional<Duration> callTimeout) {
    this.client = client;
    this.callTimeout = callTimeout;
  }

  /** The same, with every call bounded by {@code timeout} (retries included): for work with a deadline. */
  @Override
  public CodePipelineApprovals within(Duration timeout) {
    return new CodePipelineApprovals(client, Optional.of(timeout));
  }

  @Override
  public Answer answer(ApprovalRequest r, Optional<String> executionId, Decision d) {
    Answer answer = put(r, r.token(), d);
    if (answer.result() != Result.INVALID_TOKEN) {
      return answer;
    }
    // A pipeline in PARALLEL execution mode does not take the notification's token: PutApprovalResult wants the
    // approval action's externalExecutionId from ListActionExecutions (CodePipeline API Reference,
    // PutApprovalResult). Try that once, when the waiting approval can be told apart; otherwise the token is
    // simply no longer valid.
    Optional<String> parallelToken;
    try {
      parallelToken = parallelModeToken(r, executionId);
    } catch (AwsServiceException e) {
      if (e.statusCode() >= 500 || e.isThrottlingException()) {
        throw e;
      }
      parallelToken = Optional.empty();   // cannot look (e.g. not allowed): the token answer stands
    }
    return parallelToken.filter(t -> !t.equals(r.token())).map(t -> put(r, t, d)).orElse(answer);
  }

  /**
   * The externalExecutionId of the approval action waiting (InProgress) at the request's stage and action: in the
   * known execution, or the only one waiting there when the execution is not known.
   */
  private Optional<String> parallelModeToken(ApprovalRequest r, Optional<String> executionId) {
    List<String> waiting = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      String page = next;
      ListActionExecutionsResponse response = client.listActionExecutions(b -> {
        b.pipelineName(r.pipeline()).maxResults(100).nextToken(page);
        executionId.ifPresent(id -> b.filter(f -> f.pipelineExecutionId(id)));
        callTimeout.ifPresent(t -> b.overrideConfiguration(o -> o.apiCallTimeout(t)));
      });
      for (ActionExecutionDetail a : response.actionExecutionDetails()) {
        if (r.stage().equals(a.stageName()) && r.action().equals(a.actionName())
            && a.status() == ActionExecutionStatus.IN_PROGRESS && a.output() != null
            && a.output().executionResult() != null && a.output().executionResult().externalExecutionId() != null) {
          waiting.add(a.output().executionResult().externalExecutionId());
        }
      }
      next = response.nextToken();
    } while (next != null && ++pages < 5);
    return waiting.size() == 1 ? Optional.of(waiting.get(0)) : Optional.empty();
  }

  private Answer put(ApprovalRequest r, String token, Decision d) {
    try {
      client.putApprovalResult(b -> {
        b.pipelineName(r.pipeline()).stageName(r.stage()).actionName(r.action()).token(token)
            .result(x -> x.status(d.approve() ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED)
                .summary(d.summary()));
        callTimeout.ifPresent(t -> b.overrideConfiguration(o -> o.apiCallTimeout(t)));
      });
      return new Answer(Result.ACCEPTED, "");
    } catch (ApprovalAlreadyCompletedException e) {
      return new Answer(Result.ALREADY_COMPLETED, "ApprovalAlreadyCompletedException");
    } catch (InvalidApprovalTokenException e) {
      return new Answer(Result.INVALID_TOKEN, "InvalidApprovalTokenException");
    } catch (AwsServiceException e) {
      if (e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException()) {
        String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
        return new Answer(Result.REFUSED, code + (message == null || message.isBlank() ? "" : ": " + message));
      }
      throw e;
    }
  }

  @Override
  public Optional<String> waitingExecution(ApprovalRequest r) {
    GetPipelineStateResponse state;
    try {
      state = client.getPipelineState(b -> {
        b.name(r.pipeline());
        callTimeout.ifPresent(t -> b.overrideConfiguration(o -> o.apiCallTimeout(t)));
      });
    } catch (PipelineNotFoundException e) {
      return Optional.empty();
    }
    for (StageState stage : state.stageStates()) {
      if (!stage.stageName().equals(r.stage()) || stage.latestExecution() == null) {
        continue;
      }
      for (ActionState action : stage.actionStates()) {
        if (action.actionName().equals(r.action()) && action.latestExecution() != null
            && Objects.equals(action.latestExecution().token(), r.token())) {
          return Optional.ofNullable(stage.latestExecution().pipelineExecutionId()).filter(id -> !id.isBlank());
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> startedBy(String pipeline, String executionId) {
    PipelineExecution e;
    try {
      e = client.getPipelineExecution(b -> {
        b.pipelineName(pipeline).pipelineExecutionId(executionId);
        callTimeout.ifPresent(t -> b.overrideConfiguration(o -> o.apiCallTimeout(t)));
      }).pipelineExecution();
    } catch (PipelineNotFoundException | PipelineExecutionNotFoundException notFound) {
      return Optional.empty();
    }
    Optional<ExecutionTrigger> trigger = Optional.ofNullable(e).map(PipelineExecution::trigger);
    return trigger.map(ExecutionTrigger::triggerDetail).filter(s -> !s.isBlank())
        .or(() -> trigger.map(ExecutionTrigger::triggerTypeAsString).filter(s -> !s.isBlank()));
  }
}
