package dev.baton.aws.codepipeline;

import dev.baton.aws.LazyClient;
import java.util.function.Supplier;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineServiceClientConfiguration;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineExecutionRequest;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineExecutionResponse;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineStateRequest;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineStateResponse;
import software.amazon.awssdk.services.codepipeline.model.ListActionExecutionsRequest;
import software.amazon.awssdk.services.codepipeline.model.ListActionExecutionsResponse;
import software.amazon.awssdk.services.codepipeline.model.PutApprovalResultRequest;
import software.amazon.awssdk.services.codepipeline.model.PutApprovalResultResponse;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionRequest;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionResponse;

/** The functions' CodePipeline client, built on its first call ({@link LazyClient}); the operations Baton uses. */
final class LazyCodePipelineClient extends LazyClient<CodePipelineClient> implements CodePipelineClient {
  LazyCodePipelineClient(Supplier<CodePipelineClient> build) {
    super(SERVICE_NAME, build);
  }

  @Override
  public StartPipelineExecutionResponse startPipelineExecution(StartPipelineExecutionRequest request) {
    return client().startPipelineExecution(request);
  }

  @Override
  public PutApprovalResultResponse putApprovalResult(PutApprovalResultRequest request) {
    return client().putApprovalResult(request);
  }

  @Override
  public GetPipelineStateResponse getPipelineState(GetPipelineStateRequest request) {
    return client().getPipelineState(request);
  }

  @Override
  public GetPipelineExecutionResponse getPipelineExecution(GetPipelineExecutionRequest request) {
    return client().getPipelineExecution(request);
  }

  @Override
  public ListActionExecutionsResponse listActionExecutions(ListActionExecutionsRequest request) {
    return client().listActionExecutions(request);
  }

  @Override
  public CodePipelineServiceClientConfiguration serviceClientConfiguration() {
    return client().serviceClientConfiguration();
  }
}
