package dev.baton.core.promotion;

import dev.baton.core.history.ChangeOrigin;
import dev.baton.core.history.ExecutionDetail;
import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.history.PromotionLink;
import dev.baton.core.history.ReleaseLink;
import dev.baton.core.pipeline.ExecutionTrigger;
import dev.baton.core.pipeline.GitCommit;
import dev.baton.core.pipeline.PipelineExecutionEvent;
import dev.baton.core.release.SourceRevision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Describes a succeeded execution for its promotions, trusting Baton's own records first: the release that started
 * it (the uploaded object's key and version, the rendered variables) or the promotion that started it (the revision
 * it was pinned to, and the chain's change and branch); only for an execution Baton did not start, and only once a
 * promotion takes it ({@link #fromCodePipeline}), does it ask CodePipeline ({@code GetPipelineExecution}: artifact
 * revisions and variables).
 */
public final class SourceResolver {
  private final SourceRecords records;

  public SourceResolver(SourceRecords records) {
    this.records = records;
  }

  public SourceExecution resolve(PipelineExecutionEvent event) {
    String pipeline = event.header().pipeline();
    String executionId = event.header().executionId();
    Optional<ExecutionDetail> detail = records.recorded(pipeline, executionId);
    Optional<ReleaseLink> release = detail.flatMap(ExecutionDetail::release);
    Optional<PromotionLink> promotion = detail.flatMap(ExecutionDetail::promotion);
    Optional<ExecutionRecord> recorded = detail.flatMap(ExecutionDetail::execution);
    Optional<GitCommit> commit = event.trigger().flatMap(ExecutionTrigger::git)
        .or(() -> recorded.flatMap(ExecutionRecord::commit));
    Optional<String> branch = commit.flatMap(GitCommit::branch).or(() -> promotion.flatMap(PromotionLink::branch));

    List<SourceArtifact> artifacts;
    Map<String, String> variables;
    if (release.isPresent()) {
      ReleaseLink r = release.get();
      artifacts = List.of(r.versionId()
          .map(v -> new SourceArtifact(Optional.empty(), SourceRevision.Type.S3_OBJECT_VERSION_ID, v, Optional.of(r.key())))
          .orElse(new SourceArtifact(Optional.empty(), SourceRevision.Type.S3_OBJECT_KEY, r.key(), Optional.empty())));
      variables = r.variables();
    } else if (promotion.isPresent()) {
      artifacts = pinned(promotion.get().revisions());
      variables = promotion.get().variables();
    } else {
      artifacts = List.of();   // CodePipeline's, asked only if a promotion takes it: fromCodePipeline
      variables = Map.of();
    }
    ChangeOrigin origin = promotion.map(PromotionLink::origin)
        .or(() -> release.map(r -> new ChangeOrigin(ChangeOrigin.Kind.UPLOAD, r.requestedAt(), r.s3Url())))
        .or(() -> commit.flatMap(c -> c.authorDate().map(at -> new ChangeOrigin(ChangeOrigin.Kind.COMMIT, at,
            c.commitId()))))
        .orElseGet(() -> new ChangeOrigin(ChangeOrigin.Kind.START, started(event, recorded),
            pipeline + "/" + executionId));
    return new SourceExecution(pipeline, executionId, event.header().time(), release.map(ReleaseLink::rule),
        promotion.map(PromotionLink::rule), branch, artifacts, variables, origin);
  }

  /**
   * {@code source} with the artifact revisions and variables CodePipeline recorded ({@code GetPipelineExecution}),
   * when Baton did not start it (neither a release nor a promotion did); as it is otherwise. Asked only once some
   * promotion takes the execution, so executions no promotion wants cost no CodePipeline call.
   */
  public SourceExecution fromCodePipeline(SourceExecution source) {
    if (source.releaseRule().isPresent() || source.promotedBy().isPresent()) {
      return source;
    }
    Optional<PipelineRun> run = records.pipelineRun(source.pipeline(), source.executionId());
    return new SourceExecution(source.pipeline(), source.executionId(), source.succeededAt(), source.releaseRule(),
        source.promotedBy(), source.branch(), run.map(PipelineRun::artifacts).orElse(List.of()),
        run.map(PipelineRun::variables).orElse(Map.of()), source.origin());
  }

  /** The revision a promotion pinned ({@code S3_OBJECT_KEY=...}, {@code S3_OBJECT_VERSION_ID=...}) as one artifact. */
  static List<SourceArtifact> pinned(List<String> stored) {
    Optional<String> key = Optional.empty();
    List<SourceArtifact> out = new ArrayList<>();
    for (String s : stored) {
      int eq = s.indexOf('=');
      SourceRevision.Type type = SourceRevision.Type.valueOf(s.substring(0, eq));
      String value = s.substring(eq + 1);
      if (type == SourceRevision.Type.S3_OBJECT_KEY && stored.size() > 1) {
        key = Optional.of(value);
      } else {
        out.add(new SourceArtifact(Optional.empty(), type, value, Optional.empty()));
      }
    }
    Optional<String> k = key;
    return out.stream().map(a -> new SourceArtifact(a.name(), a.type(), a.value(), k)).toList();
  }

  private static Instant started(PipelineExecutionEvent event, Optional<ExecutionRecord> recorded) {
    return recorded.flatMap(ExecutionRecord::startTime).or(() -> event.header().startTime())
        .orElse(event.header().time());
  }
}
