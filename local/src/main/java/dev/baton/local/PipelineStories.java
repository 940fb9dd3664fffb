package dev.baton.local;

import dev.baton.local.PipelineRun.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic runs of one pipeline ({@code Source → Build → Approve → Deploy}), one per way an execution can end, as the
 * event streams CodePipeline would send: what the property test, the end-to-end tests and the demo replay.
 */
public final class PipelineStories {
  public static final String PIPELINE = "payments-deploy";

  private PipelineStories() {}

  /** The stories by name, each starting {@code offset} after {@code base}, an hour apart. */
  public static Map<String, List<String>> all(Instant base) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("success", success("6a1f0c52-3b8e-4d7a-9c21-5e4b7f8a0d13", base));
    out.put("failure", failure("8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806", base.plus(Duration.ofHours(1))));
    out.put("retry-then-success", retryThenSuccess("b7c3e9a1-4d2f-4e86-8a15-3f9d6c2b7e40",
        base.plus(Duration.ofHours(2))));
    out.put("superseded", superseded("c41f9a27-6e8b-4d13-a5c0-9b3e2f7d1a54", base.plus(Duration.ofHours(3))));
    out.put("stopped", stopped("f08b3d62-9a1c-4e75-8d24-5c6a7e9b0f31", base.plus(Duration.ofHours(4))));
    out.put("approval-rejected", approvalRejected("5e9a0c18-2f7d-4b36-a1e8-c4d2b6f9e073",
        base.plus(Duration.ofHours(5))));
    return out;
  }

  static PipelineRun.Builder pipeline(String executionId, Instant start) {
    return pipeline(PIPELINE, executionId, start);
  }

  static PipelineRun.Builder pipeline(String pipeline, String executionId, Instant start) {
    return PipelineRun.builder(pipeline, executionId, start)
        .stage("Source", Action.source("Source"))
        .stage("Build", Action.build("Build"))
        .stage("Approve", Action.approval("ProductionGate"))
        .stage("Deploy", Action.deploy("Deploy"));
  }

  /** Started by release-trigger for an S3 upload; every stage succeeds. */
  public static List<String> success(String executionId, Instant start) {
    return pipeline(executionId, start)
        .trigger("StartPipelineExecution", "arn:aws:sts::123456789012:assumed-role/"
            + "baton-ReleaseTriggerFunctionRole-1HX8Q2V3ZK9LM/baton-ReleaseTriggerFunction-Yb3kQ8")
        .build().events();
  }

  /** The same success on another pipeline of the same shape. */
  public static List<String> success(String pipeline, String executionId, Instant start) {
    return pipeline(pipeline, executionId, start)
        .trigger("StartPipelineExecution", "arn:aws:sts::123456789012:assumed-role/"
            + "baton-ReleaseTriggerFunctionRole-1HX8Q2V3ZK9LM/baton-ReleaseTriggerFunction-Yb3kQ8")
        .build().events();
  }

  /** A push whose build fails its tests. */
  public static List<String> failure(String executionId, Instant start) {
    return pipeline(executionId, start)
        .commit("9fceb02d0ae598e95dc970b74767f19372d61af8", "Retry card authorisation on gateway timeouts",
            "Mary Major", start.minus(Duration.ofMinutes(14)), "main", "acme/payments")
        .failAt("Build", "Build", "JobFailed", "Build terminated with state: FAILED. Phase: BUILD, Code: "
            + "COMMAND_EXECUTION_ERROR, Message: Error while executing command: ./gradlew check. Reason: exit status 1")
        .build().events();
  }

  /** The deployment fails, someone retries the stage, and the retry succeeds (attempt 2). */
  public static List<String> retryThenSuccess(String executionId, Instant start) {
    return pipeline(executionId, start)
        .commit("1b2e4f6a8c0d2e4f6a8b0c1d3e5f7a9b1c3d5e7f", "Raise the connection pool to 40", "John Doe",
            start.minus(Duration.ofMinutes(31)), "main", "acme/payments")
        .failAt("Deploy", "Deploy", "JobFailed", "Deployment failed: 2 of 4 instances failed the ValidateService hook")
        .retryFailedStage(Duration.ofMinutes(11))
        .build().events();
  }

  /** A newer execution overtakes this one while it waits after the build. */
  public static List<String> superseded(String executionId, Instant start) {
    return pipeline(executionId, start).supersededAfter("Build").build().events();
  }

  /** Someone stops and abandons the execution during the deployment. */
  public static List<String> stopped(String executionId, Instant start) {
    return pipeline(executionId, start)
        .stopDuring("Deploy", "Deploy", "Stopping: wrong artifact, 1.4.3 goes out instead").build().events();
  }

  /** The reviewer rejects the production gate. */
  public static List<String> approvalRejected(String executionId, Instant start) {
    return pipeline(executionId, start)
        .rejectApproval("Approve", "ProductionGate", "error rate on the canary is 4%").build().events();
  }
}
