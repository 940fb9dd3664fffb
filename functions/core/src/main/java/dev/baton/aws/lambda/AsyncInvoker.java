package dev.baton.aws.lambda;

import dev.baton.aws.AwsClients;
import dev.baton.core.runtime.Lazy;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Queues an event for a Lambda function (Invoke with InvocationType Event): Lambda keeps it, runs it, retries it
 * twice on failure and then sends it to the function's on-failure destination. The client is built on first use,
 * so a function that never hands work off never pays for it.
 */
public final class AsyncInvoker {
  private final Lazy<LambdaClient> client;

  public AsyncInvoker(Supplier<LambdaClient> client) {
    this.client = Lazy.of(client);
  }

  public static AsyncInvoker withDefaultClient() {
    return new AsyncInvoker(() -> AwsClients.build(LambdaClient.builder()));
  }

  /** Queues {@code payload} (JSON) for {@code function} (a name or ARN, with alias if any). */
  public void invoke(String function, String payload) {
    int status = client.get().invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromUtf8String(payload))).statusCode();
    if (status != 202) {
      throw new IllegalStateException("Lambda answered an asynchronous Invoke with HTTP " + status + ", not 202");
    }
  }

  /** Builds the client now (for priming before a snapshot). */
  public void warm() {
    client.get();
  }
}
