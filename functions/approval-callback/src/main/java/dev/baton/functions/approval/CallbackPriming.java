package dev.baton.functions.approval;

import dev.baton.aws.AwsClients;
import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.dynamodb.DynamoReleaseStore;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.lambda.AsyncInvoker;
import dev.baton.aws.lambda.SelfHandOff;
import dev.baton.aws.priming.PrimingClients;
import dev.baton.aws.priming.PrimingRun;
import dev.baton.aws.priming.PrimingSeeds;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalClaim;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.ApprovalRoute;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.Decision;
import dev.baton.core.approval.HandOff;
import dev.baton.core.approval.SlackUser;
import dev.baton.core.freeze.AdHocFreeze;
import dev.baton.core.freeze.Freeze;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.json.Json;
import dev.baton.slack.approval.ApprovalBlocks;
import dev.baton.slack.chatops.CommandBlocks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The callback's priming: the function's own object graph ({@link CallbackWiring}) on edges answered in the process
 * ({@link PrimingClients}, {@code PrimingSlack}) is given, signed with the priming secret as Slack signs, each kind
 * of request its Function URL takes ({@link SlackRequests}): an unsigned one (refused); an Approve click by an
 * approver of the first route on an approval it stored first; the hand-off of a decision whose follow-up did not
 * fit the budget (the asynchronous Invoke, and the {@code batonFinish} that finishes it); a Reject click (the reason
 * form) and the form's submission; an Approve click during a freeze (the break-glass form) and its submission by a
 * break-glass person; the {@code /baton} commands {@code status}, {@code history}, {@code dora}, {@code freezes},
 * {@code freeze}, {@code unfreeze}, {@code help} and {@code release} (its proposal), and that proposal's Cancel and
 * Start clicks. Then the JDK's TLS set-up. What another function would have written first (a release to start
 * again) is put in priming's table ({@link PrimingSeeds}). No call leaves the process; the real clients, the real
 * secret cache and the real table are never touched.
 */
final class CallbackPriming {
  private static final String RELEASED = "00000000-0000-4000-8000-0000000000e1";

  private CallbackPriming() {}

  /** Primes, one path per kind of request ({@link PrimingRun#paths}); {@link PrimingRun#finish} ends it. */
  static PrimingRun prime(String table, String secretReference, ApprovalRoutes routes, FreezeCalendar calendar,
                          Duration budget) {
    PrimingRun run = PrimingRun.create();
    PrimingClients aws = run.aws();
    SecretLoader secrets = SecretLoader.builder().secretsManager(aws.lean(LeanAwsClient.SECRETS_MANAGER))
        .ssm(aws.lean(LeanAwsClient.SSM)).build();
    DynamoDbClient dynamo = aws.build(DynamoDbClient.builder());
    CallbackWiring wiring = CallbackWiring.wire(dynamo, table, Optional.empty(),
        aws.build(CodePipelineClient.builder()), secrets, secretReference, run.slack(), routes, calendar, budget,
        new EventBridgePublisher(aws.build(EventBridgeClient.builder()), "default", pause -> { }));
    AsyncInvoker invoker = new AsyncInvoker(() -> aws.lean(LeanAwsClient.LAMBDA));
    HandOff handOff = SelfHandOff.to(invoker, "arn:aws:lambda:" + AwsClients.region().id()
        + ":000000000000:function:priming");
    SlackRequests slack = new SlackRequests("priming", wiring, handOff);

    // Approvals the first route covers, clicked by one of its approvers (or a member of its groups, as Slack
    // answers here), so each click takes the decision path a real one does.
    Optional<ApprovalRoute> route = routes.routes().stream().findFirst();
    String approver = route.flatMap(r -> r.users().stream().findFirst()).orElse("U0PRIMING");
    run.path("unsigned request (refused)", () -> slack.unsigned());
    Approval approved = pending(wiring, route, "priming-approve");
    run.path("approve click", () -> slack.click(approved, ApprovalBlocks.APPROVE, approver));
    // A decision whose follow-up did not fit the budget: handed off (Invoke), then finished by the batonFinish.
    Approval handedOff = pending(wiring, route, "priming-hand-off");
    wiring.store().decide(ApprovalClaim.of(handedOff), new Decision(true, new SlackUser(approver, "priming"),
        "C0PRIMING", Instant.now(), Optional.empty()), List.of());
    run.path("hand-off (asynchronous Invoke, then batonFinish)", () -> {
      handOff.handOff(handedOff.id());
      wiring.answer(Json.parseObject(Json.write(Map.of("batonFinish", Map.of("approvalId", handedOff.id())))),
          System.nanoTime(), handOff);
    });
    Approval rejected = pending(wiring, route, "priming-reject");
    run.path("reject click (the reason form)", () -> slack.click(rejected, ApprovalBlocks.REJECT, approver));
    run.path("reject form submitted", () -> slack.submit(ApprovalBlocks.reasonView(rejected, "C0PRIMING",
        "priming"), approver));

    // An ad-hoc freeze on the pipeline of a route with break-glass people (the first route if none has them).
    Optional<ApprovalRoute> glassRoute = routes.routes().stream().filter(r -> !r.breakGlass().isEmpty()).findFirst()
        .or(() -> route);
    String breaker = glassRoute.flatMap(r -> r.breakGlass().users().stream().findFirst()).orElse("U0PRIMING");
    Approval frozen = pending(wiring, glassRoute, "priming-break-glass");
    DynamoFreezeStore freezeStore = new DynamoFreezeStore(dynamo, table, Optional.empty());
    Instant now = Instant.now();
    freezeStore.put(new AdHocFreeze(frozen.request().pipeline(), "priming", "U0PRIMING", now.minusSeconds(60),
        now.plusSeconds(3600)));
    Freeze freeze = new Freezes(calendar, freezeStore).at(frozen.request().pipeline(), now).orElseThrow();
    run.path("approve click during a freeze (the break-glass form)",
        () -> slack.click(frozen, ApprovalBlocks.APPROVE, breaker));
    run.path("break-glass form submitted", () -> slack.submit(ApprovalBlocks.overrideView(frozen, freeze,
        "C0PRIMING", "priming"), breaker));

    // The commands, by a member of every user group (as Slack answers here), on the first route's pipeline.
    String pipeline = frozen.request().pipeline();
    PrimingSeeds.startedRelease(new DynamoReleaseStore(dynamo, table, Optional.empty()), "priming", pipeline,
        RELEASED);
    for (String text : List.of("status", "history " + pipeline, "dora", "freezes", "freeze " + pipeline
        + " 1h priming", "unfreeze " + pipeline, "help")) {
      run.path("/baton " + text.split(" ")[0], () -> slack.command(text, "U0PRIMING"));
    }
    // The confirmation's clicks need a proposal: none where command access lets no one (or no member of any group,
    // as Slack answers here) run /baton release; then only the refusal is primed.
    java.util.concurrent.atomic.AtomicReference<Optional<String>> start = new java.util.concurrent.atomic
        .AtomicReference<>(Optional.empty());
    run.path("/baton release (the proposal)", () -> start.set(proposedStart(
        slack.command("release " + pipeline, "U0PRIMING"))));
    start.get().ifPresent(value -> {
      run.path("release confirmation: Cancel", () -> slack.releaseClick(CommandBlocks.RELEASE_CANCEL, value,
          "U0PRIMING"));
      run.path("release confirmation: Start", () -> slack.releaseClick(CommandBlocks.RELEASE_START, value,
          "U0PRIMING"));
    });
    return run;
  }

  /** A pending approval of {@code route}'s action with approval token {@code token} (its id), stored and posted. */
  private static Approval pending(CallbackWiring wiring, Optional<ApprovalRoute> route, String token) {
    Approval approval = Approval.pending(new ApprovalRequest(AwsClients.region().id(),
        route.map(r -> concrete(r.pipeline())).orElse("priming"), route.map(r -> concrete(r.stage())).orElse("s"),
        route.map(r -> concrete(r.action())).orElse("a"), token,
        Optional.of(Instant.now().plus(Duration.ofDays(1))), Optional.of("priming"), Optional.empty(),
        Optional.empty(), Optional.empty()), Instant.now(), Optional.empty(), Optional.empty());
    wiring.store().create(approval, Instant.now());
    wiring.store().recordMessage(approval.id(), "C0PRIMING", "0000000000.000001");
    return approval;
  }

  /** A name a route's pattern ({@code *} for any characters) matches. */
  private static String concrete(String pattern) {
    return pattern == null ? "priming" : pattern.replace("*", "priming");
  }

  /** The Start button's value in the answer to {@code /baton release} (the signed claim), if it proposed one. */
  private static Optional<String> proposedStart(String answer) {
    return find(Json.parseObject(Json.parseObject(answer).string("body")).asMap());
  }

  private static Optional<String> find(Object node) {
    if (node instanceof Map<?, ?> m) {
      if (CommandBlocks.RELEASE_START.equals(m.get("action_id")) && m.get("value") instanceof String v) {
        return Optional.of(v);
      }
      return m.values().stream().map(CallbackPriming::find).flatMap(Optional::stream).findFirst();
    }
    if (node instanceof List<?> l) {
      return l.stream().map(CallbackPriming::find).flatMap(Optional::stream).findFirst();
    }
    return Optional.empty();
  }
}
