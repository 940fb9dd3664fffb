package dev.baton.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A stand-in for CodePipeline's EventBridge events: the pipeline, stage and action "Execution State Change" events a
 * real run of a pipeline emits, in the order it emits them, with the fields of the samples in {@code events/} (the
 * CodePipeline User Guide's shapes). Scenarios: success, an action failing, a failed stage retried until it succeeds,
 * an execution superseded, a stop and abandon, a manual approval rejected.
 */
public final class PipelineRun {
  private final Builder b;

  private PipelineRun(Builder b) {
    this.b = b;
  }

  public static Builder builder(String pipeline, String executionId, Instant start) {
    return new Builder(pipeline, executionId, start);
  }

  /** An action of a stage: its type and how long it runs. */
  public record Action(String name, String owner, String provider, String category, Duration runs) {
    public static Action source(String name) {
      return new Action(name, "AWS", "S3", "Source", Duration.ofSeconds(4));
    }

    public static Action build(String name) {
      return new Action(name, "AWS", "CodeBuild", "Build", Duration.ofMinutes(4).plusSeconds(12));
    }

    public static Action approval(String name) {
      return new Action(name, "AWS", "Manual", "Approval", Duration.ofMinutes(12));
    }

    public static Action deploy(String name) {
      return new Action(name, "AWS", "CodeDeploy", "Deploy", Duration.ofMinutes(6).plusSeconds(40));
    }
  }

  private record Stage(String name, List<Action> actions) {}

  /** The run's events as EventBridge delivers them, in the order CodePipeline emits them. */
  public List<String> events() {
    return new Emitter().run();
  }

  private final class Emitter {
    private final List<String> out = new ArrayList<>();
    private Instant t = b.start;
    private int attempt = 1;
    private int seq;
    private final Map<String, Instant> stageRetriedAt = new LinkedHashMap<>();

    List<String> run() {
      pipeline("STARTED");
      for (int i = 0; i < b.stages.size(); i++) {
        Stage stage = b.stages.get(i);
        if (b.supersededAfter != null && i > 0 && b.stages.get(i - 1).name.equals(b.supersededAfter)) {
          t = t.plusSeconds(95);
          pipeline("SUPERSEDED");
          return out;
        }
        stage(stage.name, "STARTED");
        if (!runActions(stage)) {
          return out;
        }
        stage(stage.name, "SUCCEEDED");
      }
      t = t.plusSeconds(1);
      pipeline("SUCCEEDED");
      return out;
    }

    /** Runs a stage's actions; false if the run ended in this stage. */
    private boolean runActions(Stage stage) {
      for (Action a : stage.actions) {
        String id = actionExecutionId(stage.name, a.name, attempt);
        action(stage.name, a, id, "STARTED");
        if (a.name.equals(b.stopAction) && stage.name.equals(b.stopStage)) {
          t = t.plusSeconds(40);
          pipeline("STOPPING");
          stage(stage.name, "STOPPING");
          t = t.plusSeconds(25);
          action(stage.name, a, id, "ABANDONED");
          stage(stage.name, "STOPPED");
          t = t.plusSeconds(1);
          pipeline("STOPPED");
          return false;
        }
        t = t.plus(a.runs);
        if (a.name.equals(b.failAction) && stage.name.equals(b.failStage) && attempt == 1) {
          action(stage.name, a, id, "FAILED");
          stage(stage.name, "FAILED");
          t = t.plusSeconds(1);
          pipeline("FAILED");
          if (!b.retry) {
            return false;
          }
          t = t.plus(b.retryAfter);
          attempt = 2;
          stageRetriedAt.put(stage.name, t);
          pipeline("RESUMED");
          stage(stage.name, "RESUMED");
          return runActions(stage);
        }
        action(stage.name, a, id, "SUCCEEDED");
        t = t.plusSeconds(1);
      }
      return true;
    }

    private void pipeline(String state) {
      Map<String, Object> d = detail();
      if (state.equals("STARTED") || b.commitId != null) {
        d.put("execution-trigger", trigger());
      }
      if (state.equals("RESUMED")) {
        d.put("last-retry-attempt-time", stamp(t.plusMillis(804)));
      }
      d.put("state", state);
      d.put("version", (double) b.version);
      d.put("pipeline-execution-attempt", (double) attempt);
      if (state.equals("STOPPING")) {
        d.put("stop-execution-comments", b.stopComments);
      }
      emit("CodePipeline Pipeline Execution State Change", d);
    }

    private void stage(String stage, String state) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("pipeline", b.pipeline);
      d.put("execution-id", b.executionId);
      if (!state.equals("RESUMED")) {
        d.put("start-time", stamp(b.start));
      }
      if (stageRetriedAt.containsKey(stage)) {
        d.put("stage-last-retry-attempt-time", stamp(stageRetriedAt.get(stage).plusMillis(305)));
      }
      d.put("stage", stage);
      d.put("state", state);
      d.put("version", (double) b.version);
      d.put("pipeline-execution-attempt", (double) attempt);
      emit("CodePipeline Stage Execution State Change", d);
    }

    private void action(String stage, Action a, String actionExecutionId, String state) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("pipeline", b.pipeline);
      d.put("execution-id", b.executionId);
      if (!state.equals("ABANDONED")) {
        d.put("start-time", stamp(b.start));
      }
      d.put("stage", stage);
      Map<String, Object> result = result(stage, a, actionExecutionId, state);
      if (!result.isEmpty()) {
        d.put("execution-result", result);
      }
      if ((a.category.equals("Build") || a.category.equals("Deploy")) && !state.equals("ABANDONED")) {
        d.put("input-artifacts", List.of(artifact("SourceArtifact")));
      }
      if (state.equals("SUCCEEDED") && (a.category.equals("Source") || a.category.equals("Build"))) {
        d.put("output-artifacts", List.of(artifact(a.category.equals("Source") ? "SourceArtifact" : "BuildArtifact")));
      }
      d.put("action-execution-id", actionExecutionId);
      d.put("action", a.name);
      d.put("state", state);
      d.put("region", b.region);
      Map<String, Object> type = new LinkedHashMap<>();
      type.put("owner", a.owner);
      type.put("provider", a.provider);
      type.put("category", a.category);
      type.put("version", "1");
      d.put("type", type);
      d.put("version", (double) b.version);
      d.put("pipeline-execution-attempt", (double) attempt);
      emit("CodePipeline Action Execution State Change", d);
    }

    private Map<String, Object> result(String stage, Action a, String actionExecutionId, String state) {
      Map<String, Object> r = new LinkedHashMap<>();
      boolean failed = state.equals("FAILED");
      switch (a.provider) {
        case "CodeBuild" -> {
          String build = b.pipeline + "-build:" + uuid("build", actionExecutionId);
          r.put("external-execution-url", "https://console.aws.amazon.com/codebuild/home?region=" + b.region
              + "#/builds/" + build + "/view/new");
          if (failed) {
            r.put("external-execution-summary", b.failSummary);
          } else if (state.equals("SUCCEEDED")) {
            r.put("external-execution-summary", "Build succeeded");
          }
          r.put("external-execution-id", build);
        }
        case "CodeDeploy" -> {
          if (!state.equals("STARTED") && !state.equals("ABANDONED")) {
            String deployment = "d-" + uuid("deploy", actionExecutionId).substring(0, 9).toUpperCase();
            r.put("external-execution-url", "https://console.aws.amazon.com/codedeploy/home?region=" + b.region
                + "#/deployments/" + deployment);
            r.put("external-execution-summary", failed ? b.failSummary : "Deployment " + deployment + " succeeded");
            r.put("external-execution-id", deployment);
          }
        }
        case "Manual" -> {
          if (failed || state.equals("SUCCEEDED")) {
            r.put("external-execution-summary", failed ? b.failSummary
                : "Approved by arn:aws:sts::" + b.account + ":assumed-role/ReleaseManagers/jdoe");
            r.put("external-execution-id", actionExecutionId);
          }
        }
        case "S3" -> {
          if (state.equals("SUCCEEDED")) {
            r.put("external-execution-summary", "Amazon S3 version id: 3HL4kqtJlcpXroDTDmjVBH40Nrjfkd");
            r.put("external-execution-id", "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd");
          }
        }
        default -> { }
      }
      if (failed && b.failCode != null && !a.category.equals("Approval")) {
        r.put("error-code", b.failCode);
      }
      return r;
    }

    private Map<String, Object> detail() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("pipeline", b.pipeline);
      d.put("execution-id", b.executionId);
      d.put("start-time", stamp(b.start));
      return d;
    }

    private Map<String, Object> trigger() {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("trigger-type", b.triggerType);
      t.put("trigger-detail", b.triggerDetail);
      if (b.commitId != null) {
        t.put("author-display-name", b.author);
        t.put("author-date", b.commitTime.truncatedTo(ChronoUnit.SECONDS).toString());
        t.put("commit-id", b.commitId);
        t.put("commit-message", b.commitMessage);
        t.put("branch-name", b.branch);
        t.put("full-repository-name", b.repository);
        t.put("provider-type", "GitHub");
        t.put("connection-arn", b.triggerDetail);
      }
      return t;
    }

    private Map<String, Object> artifact(String name) {
      Map<String, Object> loc = new LinkedHashMap<>();
      loc.put("bucket", "codepipeline-" + b.region + "-418273645019");
      loc.put("key", b.pipeline + "/" + name.substring(0, Math.min(10, name.length())) + "/"
          + uuid("artifact", b.executionId + name).substring(0, 7));
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", name);
      a.put("s3location", loc);
      return a;
    }

    private void emit(String detailType, Map<String, Object> detail) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("version", "0");
      e.put("id", uuid("event", b.executionId + "/" + seq++));
      e.put("detail-type", detailType);
      e.put("source", "aws.codepipeline");
      e.put("account", b.account);
      e.put("time", t.truncatedTo(ChronoUnit.SECONDS).toString());
      e.put("region", b.region);
      e.put("resources", List.of("arn:aws:codepipeline:" + b.region + ":" + b.account + ":" + b.pipeline));
      e.put("detail", detail);
      out.add(JsonText.write(e));
      t = t.plusSeconds(1);
    }

    private String actionExecutionId(String stage, String action, int attempt) {
      return uuid("action", b.executionId + "/" + stage + "/" + action + "/" + attempt);
    }
  }

  private static String stamp(Instant i) {
    return i.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static String uuid(String kind, String seed) {
    return UUID.nameUUIDFromBytes((kind + ":" + seed).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** How the run goes. */
  public static final class Builder {
    private final String pipeline;
    private final String executionId;
    private final Instant start;
    private String account = LocalStack.ACCOUNT;
    private String region = LocalStack.REGION;
    private long version = 7;
    private String triggerType = "StartPipelineExecution";
    private String triggerDetail = "arn:aws:sts::123456789012:assumed-role/Admin/my-user";
    private String commitId;
    private String commitMessage;
    private String author;
    private Instant commitTime;
    private String branch;
    private String repository;
    private final List<Stage> stages = new ArrayList<>();
    private String failStage;
    private String failAction;
    private String failCode;
    private String failSummary;
    private boolean retry;
    private Duration retryAfter = Duration.ofMinutes(9);
    private String supersededAfter;
    private String stopStage;
    private String stopAction;
    private String stopComments;

    private Builder(String pipeline, String executionId, Instant start) {
      this.pipeline = Objects.requireNonNull(pipeline);
      this.executionId = Objects.requireNonNull(executionId);
      this.start = start.truncatedTo(ChronoUnit.MILLIS);
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder version(long version) {
      this.version = version;
      return this;
    }

    public Builder trigger(String type, String detail) {
      this.triggerType = type;
      this.triggerDetail = detail;
      return this;
    }

    /** Started by a push: a WebhookV2 trigger with the commit. */
    public Builder commit(String id, String message, String author, Instant authoredAt, String branch,
                          String repository) {
      this.triggerType = "WebhookV2";
      this.triggerDetail = "arn:aws:codestar-connections:" + region + ":" + account
          + ":connection/0f5b706a-1a1d-46c5-86b6-f177321bcfb2";
      this.commitId = id;
      this.commitMessage = message;
      this.author = author;
      this.commitTime = authoredAt;
      this.branch = branch;
      this.repository = repository;
      return this;
    }

    public Builder stage(String name, Action... actions) {
      stages.add(new Stage(name, List.of(actions)));
      return this;
    }

    /** The action fails in the first attempt (with CodePipeline's error code and the provider's summary). */
    public Builder failAt(String stage, String action, String errorCode, String summary) {
      this.failStage = stage;
      this.failAction = action;
      this.failCode = errorCode;
      this.failSummary = summary;
      return this;
    }

    /** A reviewer rejects the approval action. */
    public Builder rejectApproval(String stage, String action, String comment) {
      return failAt(stage, action, null, "Rejected by arn:aws:sts::" + account
          + ":assumed-role/ReleaseManagers/jdoe: " + comment);
    }

    /** After the failure, someone retries the failed stage ({@code RetryStageExecution}) and it succeeds. */
    public Builder retryFailedStage(Duration after) {
      this.retry = true;
      this.retryAfter = after;
      return this;
    }

    /** A newer execution overtakes this one after the stage completes. */
    public Builder supersededAfter(String stage) {
      this.supersededAfter = stage;
      return this;
    }

    /** Someone stops and abandons the execution while the action runs. */
    public Builder stopDuring(String stage, String action, String comments) {
      this.stopStage = stage;
      this.stopAction = action;
      this.stopComments = comments;
      return this;
    }

    public PipelineRun build() {
      if (stages.isEmpty()) {
        throw new IllegalStateException("a pipeline needs stages");
      }
      return new PipelineRun(this);
    }
  }
}
