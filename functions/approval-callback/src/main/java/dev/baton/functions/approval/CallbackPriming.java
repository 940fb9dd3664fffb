package dev.baton.functions.approval;

import dev.baton.aws.AwsClients;
import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.lambda.AsyncInvoker;
import dev.baton.aws.priming.PrimingClients;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.ApprovalRoute;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import dev.baton.slack.PrimingSlack;
import dev.baton.slack.SlackSignature;
import dev.baton.slack.approval.ApprovalBlocks;
import dev.baton.slack.approval.ApprovalClaims;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The callback's priming: the function's own object graph ({@link CallbackWiring}) on edges answered in the process
 * ({@link PrimingClients}, {@link PrimingSlack}) is given a signed Approve click on a sample approval it stored
 * first, then that approval's hand-off: the signature check, the interaction, the secret read (Secrets Manager or
 * SSM, as configured), DynamoDB reads and conditional writes, the starter look-up, PutApprovalResult, chat.update,
 * the asynchronous Invoke, and the JDK's TLS set-up. No call leaves the process; the real clients, the real secret
 * cache and the real table are never touched.
 */
final class CallbackPriming {
  private CallbackPriming() {}

  /** Primes; returns how many calls the in-process stand-ins answered. */
  static int prime(String table, String secretReference, ApprovalRoutes routes, FreezeCalendar calendar,
                   Duration budget) {
    PrimingClients aws = PrimingClients.create();
    PrimingSlack slack = new PrimingSlack();
    SecretLoader secrets = SecretLoader.builder().secretsManager(aws.lean(LeanAwsClient.SECRETS_MANAGER))
        .ssm(aws.lean(LeanAwsClient.SSM)).build();
    CallbackWiring wiring = CallbackWiring.wire(aws.build(DynamoDbClient.builder()), table, Optional.empty(),
        aws.build(CodePipelineClient.builder()), secrets, secretReference, slack, routes, calendar, budget,
        new EventBridgePublisher(aws.build(EventBridgeClient.builder()), "default", pause -> { }));
    AsyncInvoker invoker = new AsyncInvoker(() -> aws.lean(LeanAwsClient.LAMBDA));

    // An approval the first route covers, clicked by one of its approvers (or a member of its groups, as Slack
    // answers here), so the click takes the decision path a real one does.
    Optional<ApprovalRoute> route = routes.routes().stream().findFirst();
    Approval approval = Approval.pending(new ApprovalRequest(AwsClients.region().id(),
        route.map(r -> concrete(r.pipeline())).orElse("priming"), route.map(r -> concrete(r.stage())).orElse("s"),
        route.map(r -> concrete(r.action())).orElse("a"), "priming",
        Optional.of(Instant.now().plus(Duration.ofDays(1))), Optional.of("priming"), Optional.empty(),
        Optional.empty(), Optional.empty()), Instant.now(), Optional.empty(), Optional.empty());
    String user = route.flatMap(r -> r.users().stream().findFirst()).orElse("U0PRIMING");
    wiring.store().create(approval, Instant.now());
    wiring.callback().handle(Json.parseObject(signedClick(ApprovalClaims.buttonValue(approval), user)), System.nanoTime(),
        ApprovalCallbackHandler.handOff(invoker, "arn:aws:lambda:" + AwsClients.region().id()
            + ":000000000000:function:priming"));
    wiring.finisher().finish(approval.id());
    invoker.invoke("priming", "{}");
    PrimingClients.primeTls();
    return aws.answered() + slack.answered();
  }

  /** A name a route's pattern ({@code *} for any characters) matches. */
  private static String concrete(String pattern) {
    return pattern == null ? "priming" : pattern.replace("*", "priming");
  }

  /** A Function URL request carrying an Approve click, signed with the priming secret's signing secret. */
  private static String signedClick(String buttonValue, String user) {
    String payload = Json.write(Map.of("type", "block_actions",
        "user", Map.of("id", user, "username", "priming", "team_id", "T0PRIMING"),
        "channel", Map.of("id", "C0PRIMING", "name", "priming"), "trigger_id", "priming",
        "container", Map.of("message_ts", "0000000000.000001", "channel_id", "C0PRIMING"),
        "actions", List.of(Map.of("action_id", ApprovalBlocks.APPROVE, "value", buttonValue))));
    byte[] body = ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    String ts = String.valueOf(Instant.now().getEpochSecond());
    return Json.write(Map.of("version", "2.0", "rawPath", "/", "headers", Map.of(
            "content-type", "application/x-www-form-urlencoded", "x-slack-request-timestamp", ts,
            "x-slack-signature", "v0=" + SlackSignature.sign("priming", ts, body)),
        "requestContext", Map.of("http", Map.of("method", "POST", "path", "/", "sourceIp", "127.0.0.1")),
        "body", Base64.getEncoder().encodeToString(body), "isBase64Encoded", true));
  }
}
