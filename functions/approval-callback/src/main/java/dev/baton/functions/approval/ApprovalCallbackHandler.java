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
import dev.baton.aws.secrets.SecretReference;
import dev.baton.core.approval.ApprovalDecisions;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.Authorizer;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.log.Log;
import dev.baton.core.runtime.Env;
import dev.baton.slack.SlackClient;
import dev.baton.slack.SlackSignature;
import dev.baton.slack.approval.Interaction;
import dev.baton.slack.approval.Interactions;
import dev.baton.slack.approval.InvalidInteractionException;
import dev.baton.slack.approval.SlackApprovalMessenger;
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
 * The approval-callback function, behind a Function URL that Slack's interactivity posts to.
 *
 * <p>In this order: the Slack signature is verified on the raw body (401 and nothing else otherwise); the
 * interaction is read (400 for anything Baton does not handle); the person is authorised; the decision is recorded
 * once. Then, while the answer to Slack can still come well within its 3 seconds ({@code BATON_CALLBACK_BUDGET_MS},
 * default 2500, counted from the start of the process on a cold start), CodePipeline is told (PutApprovalResult)
 * and the message is updated; whatever does not fit, or fails for now, is handed to an asynchronous invocation of
 * this function ({@code {"batonFinish": {"approvalId": ...}}}), which Lambda retries and parks in the dead-letter
 * queue when it cannot. The decision itself is in DynamoDB before any of that, so it is never lost.
 */
public final class ApprovalCallbackHandler implements RequestStreamHandler {
  private static final long INIT_NANOS = System.nanoTime();
  private static final String SLACK_SECRET = SecretReference.fromEnvironment("BATON_SLACK_SECRET", "SlackSecret")
      .toString();
  private static final SecretLoader SECRETS = SecretLoader.fromEnvironment();
  private static final Runnable PREFETCH = Secrets.prefetch(SECRETS, SLACK_SECRET);
  private static final Duration BUDGET = Duration.ofMillis(Env.optional("BATON_CALLBACK_BUDGET_MS")
      .map(Long::parseLong).orElse(2500L));
  private static final DynamoDbClient DYNAMO = DynamoClients.defaultClient();
  private static final CodePipelineClient CODEPIPELINE = CodePipelineStarter.defaultClient();
  private static final DynamoApprovalStore STORE = new DynamoApprovalStore(DYNAMO, Env.required("BATON_TABLE"),
      Env.retentionDays("BATON_RETENTION_DAYS"));
  private static final SlackSignature SIGNATURE = new SlackSignature(
      SECRETS.fieldSupplier(SLACK_SECRET, "signingSecret"), Clock.systemUTC());
  /** For work on Slack's clock: at most two tries, 1.5 s in all. */
  private static final SlackClient SLACK_NOW = SlackClient.builder(SECRETS.fieldSupplier(SLACK_SECRET, "botToken"))
      .maxAttempts(2).maxTotal(Duration.ofMillis(1500)).readTimeout(Duration.ofMillis(1200)).build();
  /** For handed-off work: the default budget. */
  private static final SlackClient SLACK_LATER = SlackClient.fromEnvironment(
      SECRETS.fieldSupplier(SLACK_SECRET, "botToken"));
  private static final Authorizer AUTHORIZER = new Authorizer(ApprovalRoutes.load(), new SlackGroups(SLACK_NOW));
  private static final CodePipelineApprovals GATE = new CodePipelineApprovals(CODEPIPELINE);
  private static final ApprovalDecisions LATER = new ApprovalDecisions(STORE, AUTHORIZER, GATE,
      new SlackApprovalMessenger(SLACK_LATER), Clock.systemUTC());
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
      answer = http(event, start, context);
    } else if (event.has("batonFinish")) {
      String id = event.object("batonFinish").string("approvalId");
      LATER.complete(id);
      LATER.publish(id);
      answer = Json.write(Map.of("finished", id));
    } else {
      throw new MalformedJsonException("$: neither a Function URL request nor a batonFinish hand-off");
    }
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }

  private static String http(JsonObject event, long start, Context context) {
    FunctionUrlEvent request;
    try {
      request = FunctionUrlEvent.parse(event);
    } catch (MalformedJsonException e) {
      Log.warn("callback request refused: unreadable", "error", e.getMessage());
      return FunctionUrlEvent.response(400, Optional.of(Map.of("error", "bad request")));
    }
    if (!request.method().equals("POST")) {
      return FunctionUrlEvent.response(405, Optional.of(Map.of("error", "POST only")));
    }
    Optional<String> refusal = SIGNATURE.refusal(request.header("x-slack-request-timestamp").orElse(null),
        request.header("x-slack-signature").orElse(null), request.body());
    if (refusal.isPresent()) {
      Log.warn("callback request refused: not signed by Slack", "reason", refusal.get(),
          "sourceIp", event.optObject("requestContext").flatMap(c -> c.optObject("http"))
              .flatMap(h -> h.optString("sourceIp")).orElse(null));
      return FunctionUrlEvent.response(401, Optional.of(Map.of("error", "unauthorized")));
    }
    Interaction interaction;
    try {
      interaction = Interactions.parse(request.header("content-type").orElse(null), request.body());
    } catch (InvalidInteractionException e) {
      Log.warn("callback request refused: not an approval interaction", "reason", e.getMessage());
      return FunctionUrlEvent.response(400, Optional.of(Map.of("error", "not an approval interaction")));
    }
    ApprovalDecisions now = new ApprovalDecisions(STORE, AUTHORIZER, GATE, new SlackApprovalMessenger(SLACK_NOW),
        Clock.systemUTC());
    if (interaction instanceof Interaction.LinkOpened) {
      return FunctionUrlEvent.response(200, Optional.empty());
    }
    if (interaction instanceof Interaction.Click c) {
      ApprovalDecisions.Result r = now.click(c.approvalId(), c.approve(), c.user(), c.channel(), c.channelName(),
          c.triggerId());
      if (r.outcome() == ApprovalDecisions.Outcome.DECIDED) {
        carryOut(c.approvalId(), start, context);
      }
      return FunctionUrlEvent.response(200, Optional.empty());
    }
    Interaction.ReasonSubmitted s = (Interaction.ReasonSubmitted) interaction;
    ApprovalDecisions.Result r = now.submitReason(s.approvalId(), s.user(), s.channel(), s.channelName(), s.reason());
    if (r.outcome() != ApprovalDecisions.Outcome.DECIDED) {
      return FunctionUrlEvent.response(200, Optional.of(Map.of("response_action", "errors",
          "errors", Map.of("reason", r.note().length() > 150 ? r.note().substring(0, 149) + "\u2026" : r.note()))));
    }
    carryOut(s.approvalId(), start, context);
    return FunctionUrlEvent.response(200, Optional.empty());
  }

  /**
   * Tells CodePipeline and updates the message while that fits Slack's clock: PutApprovalResult only if under half
   * the budget is spent (bounded by the rest), chat.update only if under three quarters is. The rest is handed off.
   */
  private static void carryOut(String id, long start, Context context) {
    long left = BUDGET.toMillis() - elapsedMs(start);
    if (left <= BUDGET.toMillis() / 2) {
      handOff(id, context, "budget spent before PutApprovalResult");
      return;
    }
    try {
      new ApprovalDecisions(STORE, AUTHORIZER, GATE.withCallTimeout(Duration.ofMillis(left - BUDGET.toMillis() / 4)),
          new SlackApprovalMessenger(SLACK_NOW), Clock.systemUTC()).complete(id);
    } catch (RuntimeException e) {
      handOff(id, context, "PutApprovalResult failed for now: " + e.getMessage());
      return;
    }
    if (BUDGET.toMillis() - elapsedMs(start) <= BUDGET.toMillis() / 4) {
      handOff(id, context, "budget spent before the message update");
      return;
    }
    try {
      new ApprovalDecisions(STORE, AUTHORIZER, GATE, new SlackApprovalMessenger(SLACK_NOW), Clock.systemUTC())
          .publish(id);
    } catch (RuntimeException e) {
      handOff(id, context, "message update failed for now: " + e.getMessage());
    }
  }

  private static void handOff(String id, Context context, String why) {
    Log.info("approval handed off to an asynchronous invocation", "approvalId", id, "why", why);
    try {
      HAND_OFF.invoke(context.getInvokedFunctionArn(), Json.write(Map.of("batonFinish", Map.of("approvalId", id))));
    } catch (RuntimeException e) {
      Log.error("hand-off failed; finishing here, after the answer's deadline", "approvalId", id,
          "error", e.getMessage());
      LATER.complete(id);
      LATER.publish(id);
    }
  }

  private static long elapsedMs(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
