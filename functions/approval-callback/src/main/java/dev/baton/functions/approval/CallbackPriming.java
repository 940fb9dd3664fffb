package dev.baton.functions.approval;

import dev.baton.aws.dynamodb.DynamoApprovalStore;
import dev.baton.aws.lambda.AsyncInvoker;
import dev.baton.aws.lambda.FunctionUrlEvent;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.json.Json;
import dev.baton.core.log.Log;
import dev.baton.slack.SlackSignature;
import dev.baton.slack.approval.ApprovalBlocks;
import dev.baton.slack.approval.Interactions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart for the callback: before the snapshot, runs the hot path once without side effects (a Function URL
 * event, a signature check, an interaction parse, a DynamoDB read of an id that does not exist, the message
 * rendering, the hand-off client) and then forgets the Slack secret, so no snapshot holds it; after a restore,
 * reads the secret again in the background.
 */
final class CallbackPriming implements Resource {
  private final DynamoApprovalStore store;
  private final SecretLoader secrets;
  private final String reference;
  private final AsyncInvoker handOff;
  private final Runnable prefetch;

  private CallbackPriming(DynamoApprovalStore store, SecretLoader secrets, String reference, AsyncInvoker handOff,
                          Runnable prefetch) {
    this.store = store;
    this.secrets = secrets;
    this.reference = reference;
    this.handOff = handOff;
    this.prefetch = prefetch;
  }

  static Object register(DynamoApprovalStore store, SecretLoader secrets, String reference, AsyncInvoker handOff,
                         Runnable prefetch) {
    CallbackPriming p = new CallbackPriming(store, secrets, reference, handOff, prefetch);
    Core.getGlobalContext().register(p);
    return p;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    try {
      ApprovalRequest request = new ApprovalRequest("eu-west-1", "priming", "s", "a", "t", Optional.of(Instant.EPOCH),
          Optional.of("c"), Optional.empty(), Optional.empty(), Optional.empty());
      Approval approval = Approval.pending(request, Instant.EPOCH, Optional.empty(), Optional.empty());
      String payload = Json.write(Map.of("type", "block_actions", "user", Map.of("id", "U0PRIMING"),
          "channel", Map.of("id", "C0PRIMING"), "trigger_id", "t", "actions", List.of(Map.of(
              "action_id", ApprovalBlocks.APPROVE, "value", approval.id()))));
      byte[] body = ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      String ts = String.valueOf(Instant.now().getEpochSecond());
      String event = Json.write(Map.of("version", "2.0", "rawPath", "/", "headers", Map.of(
              "content-type", "application/x-www-form-urlencoded", "x-slack-request-timestamp", ts,
              "x-slack-signature", "v0=" + SlackSignature.sign("priming", ts, body)),
          "requestContext", Map.of("http", Map.of("method", "POST", "path", "/")),
          "body", Base64.getEncoder().encodeToString(body), "isBase64Encoded", true));
      FunctionUrlEvent request0 = FunctionUrlEvent.parse(Json.parseObject(event));
      new SlackSignature(() -> "priming", Clock.systemUTC()).refusal(ts,
          request0.header("x-slack-signature").orElseThrow(), request0.body());
      Interactions.parse("application/x-www-form-urlencoded", request0.body());
      Json.write(ApprovalBlocks.blocks(approval));
      FunctionUrlEvent.response(200, Optional.empty());
      store.find(approval.id());
      handOff.warm();
    } catch (RuntimeException e) {
      Log.warn("priming failed; the snapshot is taken anyway", "function", "approval-callback", "error", e.toString());
    }
    secrets.invalidate(reference);
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    prefetch.run();
  }
}
