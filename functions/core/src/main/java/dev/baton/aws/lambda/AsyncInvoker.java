package dev.baton.aws.lambda;

import dev.baton.aws.LeanAwsClient;
import dev.baton.core.runtime.Lazy;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Queues an event for a Lambda function (Invoke with InvocationType Event): Lambda keeps it, runs it, retries it
 * twice on failure and then sends it to the function's on-failure destination. The client is built on first use,
 * so a function that never hands work off never pays for it.
 */
public final class AsyncInvoker {
  private final Lazy<LeanAwsClient> client;

  public AsyncInvoker(Supplier<LeanAwsClient> client) {
    this.client = Lazy.of(client);
  }

  public static AsyncInvoker withDefaultClient() {
    return new AsyncInvoker(() -> LeanAwsClient.of(LeanAwsClient.LAMBDA));
  }

  /** Queues {@code payload} (JSON) for {@code function} (a name or ARN, with alias if any). */
  public void invoke(String function, String payload) {
    int status = client.get().call(SdkHttpMethod.POST,
        "/2015-03-31/functions/" + SdkHttpUtils.urlEncode(function) + "/invocations",
        Map.of("X-Amz-Invocation-Type", "Event", "Content-Type", "application/json"), payload).status();
    if (status != 202) {
      throw new IllegalStateException("Lambda answered an asynchronous Invoke with HTTP " + status + ", not 202");
    }
  }

  /** Builds the client now (for priming before a snapshot). */
  public void warm() {
    client.get();
  }
}
