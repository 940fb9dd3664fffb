package dev.baton.core.pipeline;

import dev.baton.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CodePipeline state-change events (EventBridge, account {@code 000000000000}) and the stack's schedule event, as
 * the functions that consume them run them through their dispatch before a SnapStart snapshot. Nothing about them
 * exists in any account; the pipeline names are the caller's (a name its config covers, so the sample takes the
 * path a real event takes), and the events are dated now, as a live event is.
 */
public final class PrimingEvents {
  private PrimingEvents() {}

  /** A {@code CodePipeline Pipeline Execution State Change} to {@code state}. */
  public static String execution(String pipeline, String executionId, String state) {
    return envelope("Pipeline", pipeline, executionId, state, Map.of("execution-trigger",
        Map.of("trigger-type", "StartPipelineExecution", "trigger-detail", "priming")));
  }

  /** A {@code CodePipeline Stage Execution State Change} of {@code stage} to {@code state}. */
  public static String stage(String pipeline, String executionId, String stage, String state) {
    return envelope("Stage", pipeline, executionId, state, Map.of("stage", stage));
  }

  /**
   * A {@code CodePipeline Action Execution State Change} of {@code stage}/{@code action} to {@code state}: a CodeBuild
   * build action whose failure says {@code JobFailed}, or, with {@code approval}, a manual approval action.
   */
  public static String action(String pipeline, String executionId, String stage, String action, String state,
                              boolean approval) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("stage", stage);
    detail.put("action", action);
    detail.put("action-execution-id", "priming");
    detail.put("type", approval ? Map.of("owner", "AWS", "provider", "Manual", "category", "Approval", "version", "1")
        : Map.of("owner", "AWS", "provider", "CodeBuild", "category", "Build", "version", "1"));
    if (state.equals("FAILED") && !approval) {
      detail.put("execution-result", Map.of("external-execution-summary", "priming", "error-code", "JobFailed"));
    }
    return envelope("Action", pipeline, executionId, state, detail);
  }

  /** The stack's EventBridge schedule ({@code aws.events}, {@code Scheduled Event}). */
  public static String schedule() {
    return Json.write(Map.of("version", "0", "id", "priming", "detail-type", "Scheduled Event", "source", "aws.events",
        "account", "000000000000", "time", now(), "region", "eu-west-1",
        "resources", List.of("arn:aws:events:eu-west-1:000000000000:rule/priming"), "detail", Map.of()));
  }

  private static String now() {
    return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  private static String envelope(String level, String pipeline, String executionId, String state,
                                 Map<String, Object> more) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("pipeline", pipeline);
    detail.put("execution-id", executionId);
    detail.put("start-time", now());
    detail.put("state", state);
    detail.put("version", 1);
    detail.put("pipeline-execution-attempt", 1);
    detail.putAll(more);
    return Json.write(Map.of("version", "0", "id", "priming-" + level + "-" + executionId + "-" + state,
        "detail-type", "CodePipeline " + level + " Execution State Change", "source", "aws.codepipeline",
        "account", "000000000000", "time", now(), "region", "eu-west-1",
        "resources", List.of("arn:aws:codepipeline:eu-west-1:000000000000:" + pipeline), "detail", detail));
  }
}
