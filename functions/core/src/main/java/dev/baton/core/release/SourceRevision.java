package dev.baton.core.release;

/**
 * Pins a pipeline's source action to the uploaded object ({@code sourceRevisions} of StartPipelineExecution): its
 * key ({@code S3_OBJECT_KEY}) and, on a versioned bucket, its version ({@code S3_OBJECT_VERSION_ID}); see
 * {@link ReleasePlan#sourceRevisions()}. A promotion pins the target's source action to the source execution's
 * revision: an S3 object version (with its key when Baton knows it), or a Git commit ({@code COMMIT_ID}).
 */
public record SourceRevision(String actionName, Type type, String value) {
  public enum Type { S3_OBJECT_VERSION_ID, S3_OBJECT_KEY, COMMIT_ID }
}
