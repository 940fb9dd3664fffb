package dev.baton.aws.codepipeline;

import dev.baton.core.alerts.ExecutionFacts;
import dev.baton.core.alerts.ExecutionLookup;
import dev.baton.core.alerts.FailedAction;
import dev.baton.core.alerts.Provenance;
import dev.baton.core.alerts.Trigger;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionResult;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.ArtifactRevision;
import software.amazon.awssdk.services.codepipeline.model.ListActionExecutionsResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;

/**
 * What CodePipeline records about an execution, for alerts whose event says too little: {@code ListActionExecutions}
 * (the failed actions, with their error details and links) and {@code GetPipelineExecution} (status summary, trigger,
 * source revisions). Throttling and 5xx are retried by the SDK; an execution CodePipeline no longer knows (history
 * is kept for 12 months) is simply not found.
 */
public final class CodePipelineLookup implements ExecutionLookup {
  private static final int MAX_PAGES = 5;
  private static final Pattern GIT_SHA = Pattern.compile("[0-9a-f]{40}");

  private final CodePipelineClient client;

  public CodePipelineLookup(CodePipelineClient client) {
    this.client = client;
  }

  @Override
  public List<FailedAction> failedActions(String pipeline, String executionId, Optional<String> stage) {
    Map<String, ActionExecutionDetail> latest = new LinkedHashMap<>();
    String token = null;
    try {
      for (int page = 0; page < MAX_PAGES; page++) {
        String next = token;
        ListActionExecutionsResponse r = client.listActionExecutions(b -> b.pipelineName(pipeline)
            .filter(f -> f.pipelineExecutionId(executionId)).maxResults(100).nextToken(next));
        for (ActionExecutionDetail d : r.actionExecutionDetails()) {
          if (!executionId.equals(d.pipelineExecutionId())) {
            continue;
          }
          String id = d.stageName() + "/" + d.actionName();
          ActionExecutionDetail seen = latest.get(id);
          if (seen == null || started(d).isAfter(started(seen))) {
            latest.put(id, d);
          }
        }
        token = r.nextToken();
        if (token == null || token.isBlank()) {
          break;
        }
      }
    } catch (PipelineNotFoundException | PipelineExecutionNotFoundException e) {
      return List.of();
    }
    return latest.values().stream()
        .filter(d -> d.status() == ActionExecutionStatus.FAILED)
        .filter(d -> stage.isEmpty() || stage.get().equals(d.stageName()))
        .sorted(Comparator.comparing(CodePipelineLookup::started))
        .map(CodePipelineLookup::failedAction)
        .toList();
  }

  @Override
  public Optional<ExecutionFacts> execution(String pipeline, String executionId) {
    Optional<PipelineExecution> found = pipelineExecution(client, pipeline, executionId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PipelineExecution e = found.get();
    Optional<Trigger> trigger = Optional.ofNullable(e.trigger()).filter(t -> t.triggerTypeAsString() != null)
        .map(t -> new Trigger(t.triggerTypeAsString(), Optional.ofNullable(t.triggerDetail())));
    List<Provenance> revisions = new ArrayList<>();
    if (e.artifactRevisions() != null) {
      e.artifactRevisions().stream().filter(r -> r.revisionId() != null && !r.revisionId().isBlank())
          .map(CodePipelineLookup::provenance).forEach(revisions::add);
    }
    return Optional.of(new ExecutionFacts(Optional.ofNullable(e.statusAsString()),
        Optional.ofNullable(e.statusSummary()).filter(s -> !s.isBlank()), trigger, revisions));
  }

  /** GetPipelineExecution; empty when CodePipeline does not know the pipeline or the execution (any more). */
  static Optional<PipelineExecution> pipelineExecution(CodePipelineClient client, String pipeline,
                                                       String executionId) {
    try {
      return Optional.ofNullable(client.getPipelineExecution(b -> b.pipelineName(pipeline)
          .pipelineExecutionId(executionId)).pipelineExecution());
    } catch (PipelineNotFoundException | PipelineExecutionNotFoundException notFound) {
      return Optional.empty();
    }
  }

  private static Instant started(ActionExecutionDetail d) {
    return d.startTime() != null ? d.startTime() : d.lastUpdateTime() != null ? d.lastUpdateTime() : Instant.EPOCH;
  }

  private static FailedAction failedAction(ActionExecutionDetail d) {
    Optional<ActionExecutionResult> result = Optional.ofNullable(d.output()).map(o -> o.executionResult());
    Optional<String> provider = Optional.ofNullable(d.input()).map(i -> i.actionTypeId())
        .map(t -> t.provider());
    Optional<String> category = Optional.ofNullable(d.input()).map(i -> i.actionTypeId())
        .map(t -> t.categoryAsString());
    Optional<String> message = result.map(ActionExecutionResult::errorDetails).map(x -> x.message());
    return new FailedAction(d.stageName(), d.actionName(), provider, category,
        result.map(ActionExecutionResult::externalExecutionSummary).filter(s -> !s.isBlank()).or(() -> message),
        result.map(ActionExecutionResult::errorDetails).map(x -> x.code()),
        result.map(ActionExecutionResult::externalExecutionUrl), result.map(ActionExecutionResult::externalExecutionId));
  }

  /**
   * A source revision: a commit when the summary is CodeStar's {@code {"ProviderType": ..., "CommitMessage": ...}}
   * or the id is a Git SHA, else a plain revision (an S3 version id, an image digest).
   */
  static Provenance provenance(ArtifactRevision r) {
    Optional<String> summary = Optional.ofNullable(r.revisionSummary()).map(String::strip).filter(s -> !s.isEmpty());
    Optional<String> url = Optional.ofNullable(r.revisionUrl()).filter(u -> u.startsWith("https://"));
    Optional<String> commitMessage = summary.filter(s -> s.startsWith("{")).flatMap(s -> {
      try {
        JsonObject o = Json.parseObject(s);
        return o.optString("CommitMessage");
      } catch (MalformedJsonException notJson) {
        return Optional.empty();
      }
    });
    if (commitMessage.isPresent() || GIT_SHA.matcher(r.revisionId()).matches()) {
      return new Provenance.Commit(r.revisionId(), commitMessage.or(() -> summary.filter(s -> !s.startsWith("{"))),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), url);
    }
    return new Provenance.Revision(Optional.ofNullable(r.name()).orElse("source"), r.revisionId(), summary, url);
  }
}
