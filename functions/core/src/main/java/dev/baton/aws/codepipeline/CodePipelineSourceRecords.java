package dev.baton.aws.codepipeline;

import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.core.alerts.Provenance;
import dev.baton.core.history.ExecutionDetail;
import dev.baton.core.promotion.PipelineRun;
import dev.baton.core.promotion.SourceArtifact;
import dev.baton.core.promotion.SourceRecords;
import dev.baton.core.release.SourceRevision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;

/**
 * The facts about a succeeded execution: Baton's history in the table (one Query of the execution's items), and
 * CodePipeline's {@code GetPipelineExecution} for an execution Baton did not start: each artifact revision (a Git
 * commit, or an S3 object version) and the resolved variables. Throttling and 5xx are retried by the SDK; an
 * execution CodePipeline does not know is empty.
 */
public final class CodePipelineSourceRecords implements SourceRecords {
  private final DynamoHistoryReader history;
  private final CodePipelineClient client;

  public CodePipelineSourceRecords(DynamoHistoryReader history, CodePipelineClient client) {
    this.history = history;
    this.client = client;
  }

  @Override
  public Optional<ExecutionDetail> recorded(String pipeline, String executionId) {
    return history.detail(pipeline, executionId);
  }

  @Override
  public Optional<PipelineRun> pipelineRun(String pipeline, String executionId) {
    return CodePipelineLookup.pipelineExecution(client, pipeline, executionId).map(CodePipelineSourceRecords::run);
  }

  private static PipelineRun run(PipelineExecution e) {
    List<SourceArtifact> artifacts = e.artifactRevisions().stream()
        .filter(r -> r.revisionId() != null && !r.revisionId().isBlank())
        .map(r -> new SourceArtifact(Optional.ofNullable(r.name()),
            CodePipelineLookup.provenance(r) instanceof Provenance.Commit ? SourceRevision.Type.COMMIT_ID
                : SourceRevision.Type.S3_OBJECT_VERSION_ID, r.revisionId(), Optional.empty()))
        .toList();
    Map<String, String> variables = new LinkedHashMap<>();
    e.variables().stream().filter(v -> v.name() != null && v.resolvedValue() != null)
        .forEach(v -> variables.put(v.name(), v.resolvedValue()));
    return new PipelineRun(artifacts, variables);
  }
}
