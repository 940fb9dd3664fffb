package dev.baton.cli.replay;

import dev.baton.aws.lambda.AsyncInvoker;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Replays through Lambda's asynchronous Invoke ({@code InvocationType=Event}): Lambda answers 202 once it has queued
 * the event, then runs it with the function's retries and on-failure destination, as for the original delivery.
 */
final class LambdaRedriver implements Redriver {
  private final AsyncInvoker invoker;

  LambdaRedriver(AsyncInvoker invoker) {
    this.invoker = invoker;
  }

  @Override
  public void redrive(String function, String payload) {
    try {
      invoker.invoke(function, payload);
    } catch (SdkException e) {
      throw new RedriveException(AwsErrors.describe("Lambda Invoke", e), e);
    } catch (IllegalStateException e) {
      throw new RedriveException(e.getMessage(), e);
    }
  }
}
