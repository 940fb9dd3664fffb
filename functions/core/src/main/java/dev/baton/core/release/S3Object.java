package dev.baton.core.release;

import java.util.Objects;
import java.util.Optional;

/**
 * One uploaded object, as either S3 event shape describes it. {@code key} is decoded (the S3 notification's
 * URL-encoding undone). {@code versionId} is empty on an unversioned bucket; {@code reason} is how it was created
 * (PutObject, CompleteMultipartUpload, CopyObject, ...).
 */
public record S3Object(String bucket, String key, Optional<String> versionId, String etag, String sequencer,
                       long size, String reason) {
  public S3Object {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    versionId = versionId.filter(v -> !v.isBlank() && !v.equals("null"));
    etag = etag == null ? "" : etag;
    sequencer = sequencer == null ? "" : sequencer;
    reason = reason == null ? "" : reason;
  }

  /**
   * What makes this upload unique: the version id on a versioned bucket, else the etag with S3's sequencer (the same
   * bytes uploaded again are a new upload with a new sequencer).
   */
  public String uploadId() {
    return versionId.map(v -> "v:" + v).orElse("e:" + etag + ":" + sequencer);
  }

  /** The last segment of the key. */
  public String fileName() {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? key : key.substring(slash + 1);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key + versionId.map(v -> "?versionId=" + v).orElse("");
  }
}
