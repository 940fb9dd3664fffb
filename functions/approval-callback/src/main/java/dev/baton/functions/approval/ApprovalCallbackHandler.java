package dev.baton.functions.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.codepipeline.CodePipelineApprovals;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoApprovalStore;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.lambda.AsyncInvoker;
import dev.baton.aws.lambda.FunctionUrlEvent;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.ApprovalCompletion;
import dev.baton.aws.secrets.SecretReference;
import dev.baton.core.approval.ApprovalDecisions;
import dev.baton.core.approval.ApprovalMessages;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.Authorizer;
import dev.baton.core.approval.DecisionFinisher;
import dev.baton.core.approval.HandOff;
import dev.baton.core.approval.Starters;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.runtime.Env;
import dev.baton.slack.SlackClient;
import dev.baton.slack.SlackSignature;
import dev.baton.slack.approval.SlackApprovalMessenger;
import dev.baton.slack.approval.SlackCallback;
import dev.baton.slack.approval.SlackGroups;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The approval-callback function: Slack's interactivity requests through its Function URL ({@link SlackCallback}:
 * verified, authorised, recorded once, then CodePipeline and the message within {@code BATON_CALLBACK_BUDGET_MS},
 * default 2500, counted from the start of the process on a cold start), and its own asynchronous hand-offs
 * ({@code {"batonFinish": {"approvalId": ...}}}: {@link DecisionFinisher#finish}), which Lambda retries and parks in
 * the dead-letter queue when they cannot finish. Slash commands ({@code /baton}) come through the same URL and the
 * same signature check ({@link Commands}). This class only wires and delegates.
 */
public final class ApprovalCallbackHandler implements RequestStreamHandler {
  private static final long INIT_NANOS = System.nanoTime();
  private static final String SLACK_SECRET = SecretReference.fromEnvironment("BATON_SLACK_SECRET", "SlackSecret")
      .toString();
  private static final SecretLoader SECRETS = SecretLoader.fromEnvironment();
  private static final Runnable PREFETCH = Secrets.prefetch(SECRETS, SLACK_SECRET);
  private static final Duration BUDGET = Duration.ofMillis(Env.optional("BATON_CALLBACK_BUDGET_MS")
      .map(Long::parseLong).orElse(2500L));
  /** Who started an execution, looked up while Slack waits: at most this long, retries included. */
  private static final Duration LOOKUP_TIMEOUT = Duration.ofMillis(1000);
  private static final CodePipelineClient CODEPIPELINE = CodePipelineStarter.defaultClient();
  private static final DynamoDbClient DYNAMO = DynamoClients.defaultClient();
  private static final DynamoApprovalStore STORE = new DynamoApprovalStore(DYNAMO, Env.required("BATON_TABLE"),
      Env.retentionDays("BATON_RETENTION_DAYS"));
  /** For work on Slack's clock: at most two tries, 1.5 s in all. */
  private static final SlackClient SLACK_NOW = SlackClient.builder(SECRETS.fieldSupplier(SLACK_SECRET, "botToken"))
      .maxAttempts(2).maxTotal(Duration.ofMillis(1500)).readTimeout(Duration.ofMillis(1200)).build();
  /** For handed-off work: the default budget. */
  private static final SlackClient SLACK_LATER = SlackClient.fromEnvironment(
      SECRETS.fieldSupplier(SLACK_SECRET, "botToken"));
  private static final SlackApprovalMessenger MESSENGER_NOW = new SlackApprovalMessenger(SLACK_NOW);
  private static final SlackGroups GROUPS = new SlackGroups(SLACK_NOW);
  private static final Authorizer AUTHORIZER = new Authorizer(ApprovalRoutes.load(), GROUPS,
      new Starters(new CodePipelineApprovals(CODEPIPELINE).within(LOOKUP_TIMEOUT), STORE));
  private static final DecisionFinisher FINISHER = new DecisionFinisher(
      new ApprovalCompletion(STORE, new CodePipelineApprovals(CODEPIPELINE), Clock.systemUTC()),
      new ApprovalMessages(STORE, MESSENGER_NOW), new ApprovalMessages(STORE, new SlackApprovalMessenger(SLACK_LATER)),
      BUDGET, System::nanoTime);
  private static final SlackCallback CALLBACK = new SlackCallback(
      new SlackSignature(SECRETS.fieldSupplier(SLACK_SECRET, "signingSecret"), Clock.systemUTC()),
      new ApprovalDecisions(STORE, AUTHORIZER, MESSENGER_NOW, Clock.systemUTC()), FINISHER, System::nanoTime,
      Optional.of(Commands.create(DYNAMO, Env.required("BATON_TABLE"), Env.retentionDays("BATON_RETENTION_DAYS"),
          GROUPS)));
  private static final AsyncInvoker HAND_OFF = AsyncInvoker.withDefaultClient();
  private static final AtomicBoolean FIRST = new AtomicBoolean(true);
  @SuppressWarnings("unused")
  private static final Object PRIMING = CallbackPriming.register(STORE, SECRETS, SLACK_SECRET, HAND_OFF, PREFETCH);

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    long start = FIRST.getAndSet(false) ? INIT_NANOS : System.nanoTime();
    JsonObject event = Json.parseObject(input);
    String answer;
    if (FunctionUrlEvent.is(event)) {
      answer = CALLBACK.handle(event, start, handOff(context));
    } else if (event.has("batonFinish")) {
      String id = event.object("batonFinish").string("approvalId");
      FINISHER.finish(id);
      answer = Json.write(Map.of("finished", id));
    } else {
      throw new MalformedJsonException("$: neither a Function URL request nor a batonFinish hand-off");
    }
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }

  /** An asynchronous invocation of this same function, carrying the approval id only. */
  private static HandOff handOff(Context context) {
    return id -> HAND_OFF.invoke(context.getInvokedFunctionArn(),
        Json.write(Map.of("batonFinish", Map.of("approvalId", id))));
  }
}
