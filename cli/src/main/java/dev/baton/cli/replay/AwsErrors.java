package dev.baton.cli.replay;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** An AWS SDK failure in one line for people: the service's error code and message, and the HTTP status. */
final class AwsErrors {
  private AwsErrors() {}

  static String describe(String call, SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      String code = s.awsErrorDetails().errorCode();
      String message = s.awsErrorDetails().errorMessage();
      return call + " refused: " + (code == null ? "" : code + ": ") + (message == null ? "" : message)
          + " (HTTP " + s.statusCode() + ")";
    }
    return call + " failed: " + e.getMessage();
  }
}
