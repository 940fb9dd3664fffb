package dev.baton.aws.codepipeline;

import dev.baton.aws.AwsClients;
import dev.baton.core.release.PipelineStarter;
import dev.baton.core.release.ReleasePlan;
import dev.baton.core.release.ReleaseRejectedException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ConcurrentPipelineExecutionsLimitExceededException;
import software.amazon.awssdk.services.codepipeline.model.ConflictException;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.PipelineVariable;
import software.amazon.awssdk.services.codepipeline.model.SourceRevisionOverride;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionRequest;

/**
 * StartPipelineExecution for a release plan. Throttling and 5xx are retried by the SDK with backoff; a pipeline
 * that does not exist, a request CodePipeline finds invalid, or a call Baton's role may not make is final
 * ({@link ReleaseRejectedException}); a busy pipeline (ConflictException, execution limit) is transient.
 */
public final class CodePipelineStarter implements PipelineStarter {
  private final CodePipelineClient client;

  public CodePipelineStarter(CodePipelineClient client) {
    this.client = client;
  }

  /** The CodePipeline client the functions use: {@link AwsClients}' settings, built on its first call. */
  public static CodePipelineClient defaultClient() {
    return new LazyCodePipelineClient(() -> AwsClients.regional(CodePipelineClient.builder()));
  }

  @Override
  public String start(ReleasePlan plan) throws ReleaseRejectedException {
    try {
      String executionId = client.startPipelineExecution(request(plan)).pipelineExecutionId();
      if (executionId == null || executionId.isBlank()) {
        throw new IllegalStateException("CodePipeline answered StartPipelineExecution for " + plan.pipeline()
            + " without a pipelineExecutionId");
      }
      return executionId;
    } catch (PipelineNotFoundException e) {
      throw new ReleaseRejectedException(plan, "pipeline " + plan.pipeline() + " does not exist in this account and "
          + "region (PipelineNotFoundException)");
    } catch (ConflictException | ConcurrentPipelineExecutionsLimitExceededException e) {
      throw e;
    } catch (AwsServiceException e) {
      if (e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException()) {
        String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
        String hint = "AccessDeniedException".equals(code)
            ? " (add the pipeline to the stack's ReleasePipelineNames parameter)" : "";
        throw new ReleaseRejectedException(plan, "CodePipeline refused to start " + plan.pipeline() + ": " + code
            + ": " + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()) + hint);
      }
      throw e;
    }
  }

  static StartPipelineExecutionRequest request(ReleasePlan plan) {
    List<PipelineVariable> variables = new ArrayList<>();
    plan.variables().forEach((name, value) -> variables.add(PipelineVariable.builder().name(name).value(value).build()));
    StartPipelineExecutionRequest.Builder b = StartPipelineExecutionRequest.builder()
        .name(plan.pipeline())
        .clientRequestToken(plan.clientRequestToken());
    if (!variables.isEmpty()) {
      b.variables(variables);
    }
    List<SourceRevisionOverride> overrides = plan.sourceRevisions().stream().map(r -> SourceRevisionOverride.builder()
        .actionName(r.actionName())
        .revisionType(r.type().name())
        .revisionValue(r.value())
        .build()).toList();
    if (!overrides.isEmpty()) {
      b.sourceRevisions(overrides);
    }
    return b.build();
  }
}
