package dev.baton.functions.release;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import dev.baton.core.promotion.Promotions;
import dev.baton.core.release.ReleaseRules;
import dev.baton.core.runtime.Env;
import dev.baton.core.runtime.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The release-trigger function: S3 upload events (EventBridge {@code Object Created}, or S3 notifications) in, at
 * most one pipeline start per upload out. Answers with what it did for each upload. A malformed event fails the
 * invocation (Lambda retries it, then sends it to the on-failure destination); a transient failure of one upload
 * fails the invocation after the others were handled, and the retry finds those already done.
 *
 * <p>A succeeded pipeline execution ({@code CodePipeline Pipeline Execution State Change}, SUCCEEDED) is promoted
 * to the next pipelines of its chains ({@code config/promotions.json}). The stack's schedule ({@code aws.events}
 * {@code Scheduled Event}) invokes it too: then it starts the releases and promotions that were held by a freeze
 * that has ended. This class only wires ({@link ReleaseWiring}) and delegates; {@link ReleasePriming} primes it
 * where SnapStart is on.
 */
public final class ReleaseTriggerHandler implements RequestStreamHandler {
  private static final String TABLE = Env.required("BATON_TABLE");
  private static final FreezeCalendar CALENDAR = FreezeCalendar.load();
  private static final ReleaseRules RULES = ReleaseRulesSource.load();
  private static final Promotions PROMOTIONS = PromotionsSource.load(RULES);
  private static final ReleaseWiring WIRING = ReleaseWiring.wire(DynamoClients.defaultClient(),
      CodePipelineStarter.defaultClient(), EventBridgePublisher.fromEnvironment(), TABLE,
      Env.retentionDays("BATON_RETENTION_DAYS"), RULES, PROMOTIONS, CALENDAR);
  @SuppressWarnings("unused")
  private static final Priming PRIMING = Priming.register("release-trigger",
      () -> ReleasePriming.prime(TABLE, RULES, PROMOTIONS, CALENDAR).finish());

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    output.write(WIRING.answer(Json.parseObject(input)).getBytes(StandardCharsets.UTF_8));
  }
}
