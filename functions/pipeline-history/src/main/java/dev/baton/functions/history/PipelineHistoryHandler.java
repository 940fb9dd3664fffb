package dev.baton.functions.history;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.core.json.Json;
import dev.baton.core.runtime.Env;
import dev.baton.core.runtime.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The pipeline-history function: one CodePipeline execution state-change event in (EventBridge), the execution
 * history updated with conditional writes that make order and duplicates irrelevant, a metric when an execution
 * ends. A malformed or foreign event fails the invocation with the field named and writes nothing (Lambda retries
 * it, then sends it to the on-failure queue); DynamoDB throttling and 5xx are retried by the SDK, then by Lambda.
 * This class only wires ({@link HistoryWiring}) and delegates; {@link HistoryPriming} primes it where SnapStart is on.
 */
public final class PipelineHistoryHandler implements RequestStreamHandler {
  private static final String TABLE = Env.required("BATON_TABLE");
  private static final HistoryWiring WIRING = HistoryWiring.wire(DynamoClients.defaultClient(), TABLE, System.out,
      Env.optional("BATON_METRICS_NAMESPACE").orElse("Baton"), Env.retentionDays("BATON_RETENTION_DAYS"));
  @SuppressWarnings("unused")
  private static final Priming PRIMING = Priming.register("pipeline-history",
      () -> HistoryPriming.prime(TABLE).finish());

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    output.write(WIRING.answer(Json.parseObject(input)).getBytes(StandardCharsets.UTF_8));
  }
}
