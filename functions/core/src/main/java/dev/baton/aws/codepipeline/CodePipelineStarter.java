package dev.baton.aws.codepipeline;

import dev.baton.aws.AwsClients;
import dev.baton.core.promotion.PromotionPlan;
import dev.baton.core.promotion.PromotionRejectedException;
import dev.baton.core.promotion.PromotionStarter;
import dev.baton.core.release.PipelineStarter;
import dev.baton.core.release.ReleasePlan;
import dev.baton.core.release.ReleaseRejectedException;
import dev.baton.core.release.SourceRevision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ConcurrentPipelineExecutionsLimitExceededException;
import software.amazon.awssdk.services.codepipeline.model.ConflictException;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.PipelineVariable;
import software.amazon.awssdk.services.codepipeline.model.SourceRevisionOverride;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionRequest;

/**
 * StartPipelineExecution for a release plan or a promotion plan. Throttling and 5xx are retried by the SDK with
 * backoff; a pipeline that does not exist, a request CodePipeline finds invalid, or a call Baton's role may not make
 * is final ({@link ReleaseRejectedException}, {@link PromotionRejectedException}); a busy pipeline
 * (ConflictException, execution limit) is transient.
 */
public final class CodePipelineStarter implements PipelineStarter, PromotionStarter {
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
    Started s = start(request(plan), "");
    if (s.refusal().isPresent()) {
      throw new ReleaseRejectedException(plan, s.refusal().get());
    }
    return s.executionId();
  }

  /** A promotion's target must be one the stack lets Baton start, as a release's. */
  @Override
  public String start(PromotionPlan plan) throws PromotionRejectedException {
    Started s = start(request(plan.target(), plan.variables(), plan.sourceRevisions(), plan.clientRequestToken()),
        " (a promotion's target too)");
    if (s.refusal().isPresent()) {
      throw new PromotionRejectedException(plan, s.refusal().get());
    }
    return s.executionId();
  }

  /** The execution CodePipeline started, or why it refused for good. */
  private record Started(String executionId, Optional<String> refusal) {}

  private Started start(StartPipelineExecutionRequest request, String accessHint) {
    String pipeline = request.name();
    try {
      String executionId = client.startPipelineExecution(request).pipelineExecutionId();
      if (executionId == null || executionId.isBlank()) {
        throw new IllegalStateException("CodePipeline answered StartPipelineExecution for " + pipeline
            + " without a pipelineExecutionId");
      }
      return new Started(executionId, Optional.empty());
    } catch (PipelineNotFoundException e) {
      return new Started(null, Optional.of("pipeline " + pipeline + " does not exist in this account and region "
          + "(PipelineNotFoundException)"));
    } catch (ConflictException | ConcurrentPipelineExecutionsLimitExceededException e) {
      throw e;
    } catch (AwsServiceException e) {
      if (e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException()) {
        String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
        String hint = "AccessDeniedException".equals(code)
            ? " (add the pipeline to the stack's ReleasePipelineNames parameter" + accessHint + ")" : "";
        return new Started(null, Optional.of("CodePipeline refused to start " + pipeline + ": " + code + ": "
            + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()) + hint));
      }
      throw e;
    }
  }

  static StartPipelineExecutionRequest request(ReleasePlan plan) {
    return request(plan.pipeline(), plan.variables(), plan.sourceRevisions(), plan.clientRequestToken());
  }

  private static StartPipelineExecutionRequest request(String pipeline, Map<String, String> vars,
                                                       List<SourceRevision> revisions, String token) {
    List<PipelineVariable> variables = new ArrayList<>();
    vars.forEach((name, value) -> variables.add(PipelineVariable.builder().name(name).value(value).build()));
    StartPipelineExecutionRequest.Builder b = StartPipelineExecutionRequest.builder()
        .name(pipeline)
        .clientRequestToken(token);
    if (!variables.isEmpty()) {
      b.variables(variables);
    }
    List<SourceRevisionOverride> overrides = revisions.stream().map(r -> SourceRevisionOverride.builder()
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
