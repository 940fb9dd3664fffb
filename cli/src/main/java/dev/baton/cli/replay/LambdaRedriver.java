package dev.baton.cli.replay;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Replays through Lambda's asynchronous Invoke ({@code InvocationType=Event}): Lambda answers 202 once it has queued
 * the event, then runs it with the function's retries and on-failure destination, as for the original delivery. The
 * command line uses the SDK's generated client, set up from the user's profile ({@code AwsSettings}); the functions'
 * own hand-off is {@code dev.baton.aws.lambda.AsyncInvoker}.
 */
final class LambdaRedriver implements Redriver {
  private final LambdaClient lambda;

  LambdaRedriver(LambdaClient lambda) {
    this.lambda = lambda;
  }

  @Override
  public void redrive(String function, String payload) {
    int status;
    try {
      status = lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
          .payload(SdkBytes.fromUtf8String(payload))).statusCode();
    } catch (SdkException e) {
      throw new RedriveException(AwsErrors.describe("Lambda Invoke", e), e);
    }
    if (status != 202) {
      throw new RedriveException("Lambda answered an asynchronous Invoke with HTTP " + status + ", not 202", null);
    }
  }
}
