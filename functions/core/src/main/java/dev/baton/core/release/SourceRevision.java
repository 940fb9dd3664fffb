package dev.baton.core.release;

/**
 * Pins a pipeline's source action to the uploaded object ({@code sourceRevisions} of StartPipelineExecution):
 * {@code S3_OBJECT_VERSION_ID} on a versioned bucket, {@code S3_OBJECT_KEY} on an unversioned one.
 */
public record SourceRevision(String actionName, Type type, String value) {
  public enum Type { S3_OBJECT_VERSION_ID, S3_OBJECT_KEY }
}
