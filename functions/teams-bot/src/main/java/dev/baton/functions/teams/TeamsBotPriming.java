package dev.baton.functions.teams;

import dev.baton.aws.AwsClients;
import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.dynamodb.DynamoTeamsCards;
import dev.baton.aws.lambda.AsyncInvoker;
import dev.baton.aws.lambda.SelfHandOff;
import dev.baton.aws.priming.PrimingClients;
import dev.baton.aws.priming.PrimingRun;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalClaim;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.ApprovalRoute;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.Decision;
import dev.baton.core.approval.HandOff;
import dev.baton.core.approval.SlackUser;
import dev.baton.core.approval.TeamsCard;
import dev.baton.core.approval.TeamsRoute;
import dev.baton.core.freeze.AdHocFreeze;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import dev.baton.teams.PrimingTeams;
import dev.baton.teams.TeamsHttp;
import dev.baton.teams.bot.ApprovalCard;
import dev.baton.teams.bot.TeamsBotSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The bot's priming: the function's own object graph and dispatch ({@link TeamsBotWiring#answer}) on edges answered
 * in the process ({@link PrimingClients} for AWS, {@code PrimingSlack}, {@link PrimingTeams} for the Bot Framework's
 * keys, Entra ID's token endpoint, Graph and the Bot Connector) is given each kind of request its Function URL takes,
 * as the Bot Framework sends them (payload 2.0, an activity signed with {@link PrimingBotKey}, which the Bot Framework
 * stand-in publishes): an activity with no token (refused); an Approve click on an approval it stored first, with
 * its Slack message and Teams card, by an approver the first Teams route lists (the keys fetched, the decision, the
 * freeze check, PutApprovalResult, the card and the Slack message updated); a Reject click with a reason by a member
 * of that route's groups (Graph asked); a click from another tenant (refused); the hand-off of a decision whose
 * follow-up did not fit the budget (the asynchronous Invoke, then its {@code batonFinish}); an activity that is no
 * card click (acknowledged); an Approve click during a freeze (refused, naming it). Then the JDK's TLS set-up. No
 * call leaves the process; the real clients, secret cache, signing keys and table are never touched.
 */
final class TeamsBotPriming {
  /** An Entra object id no route lists: decides as a member of the route's groups (Graph, as answered here). */
  private static final String GROUP_MEMBER = "00000000-0000-4000-8000-0000000000f1";

  private TeamsBotPriming() {}

  /** Primes, one path per kind of request ({@link PrimingRun#paths}); {@link PrimingRun#finish} ends it. */
  static PrimingRun prime(String table, String slackSecret, TeamsBotSettings settings, ApprovalRoutes routes,
                          FreezeCalendar calendar, Duration budget) {
    PrimingRun run = PrimingRun.create();
    PrimingClients aws = run.aws();
    SecretLoader secrets = SecretLoader.builder().secretsManager(aws.lean(LeanAwsClient.SECRETS_MANAGER))
        .ssm(aws.lean(LeanAwsClient.SSM)).build();
    DynamoDbClient dynamo = aws.build(DynamoDbClient.builder());
    TeamsBotWiring wiring = TeamsBotWiring.wire(dynamo, table, Optional.empty(),
        aws.build(CodePipelineClient.builder()), secrets, slackSecret, run.slack(),
        TeamsHttp.builder().connector(run.teams()).build(), settings, routes, calendar, budget);
    HandOff handOff = SelfHandOff.to(new AsyncInvoker(() -> aws.lean(LeanAwsClient.LAMBDA)),
        "arn:aws:lambda:" + AwsClients.region().id() + ":000000000000:function:priming");
    DynamoTeamsCards cards = new DynamoTeamsCards(dynamo, table);

    // The first route with Teams approvers (the first route if none has them), clicked in its channel.
    Optional<ApprovalRoute> route = routes.routes().stream().filter(r -> r.teams().isPresent()).findFirst()
        .or(() -> routes.routes().stream().findFirst());
    Optional<TeamsRoute> teams = route.flatMap(ApprovalRoute::teams);
    String serviceUrl = teams.map(TeamsRoute::serviceUrl).orElse(PrimingTeams.SERVICE_URL);
    String approver = teams.flatMap(t -> t.users().stream().findFirst()).orElse(GROUP_MEMBER);
    String member = teams.filter(t -> !t.groups().isEmpty()).map(t -> GROUP_MEMBER).orElse(approver);
    run.teams().publishKeys(PrimingBotKey.keySet());
    Requests bot = new Requests(settings, serviceUrl, wiring, handOff);

    // Each answer checked, so a path that took another branch than a real request would (say, the keys not
    // verifying) fails the priming instead of priming the wrong code.
    // Decided (the card replaced), or refused with a note where no route names Teams approvers.
    Optional<String> decided = Optional.of(teams.isPresent() ? CARD : NOTE);
    run.path("activity with no token (refused)", () -> expect(bot.send(bot.activity("message", Map.of()),
        Optional.empty()), 401, Optional.empty()));
    Approval approved = pending(wiring, cards, route, serviceUrl, "priming-approve");
    run.path("approve card click", () -> expect(bot.click(approved, ApprovalCard.APPROVE, approver,
        settings.tenantId()), 200, decided));
    Approval rejected = pending(wiring, cards, route, serviceUrl, "priming-reject");
    run.path("reject card click with a reason", () -> expect(bot.click(rejected, ApprovalCard.REJECT, member,
        settings.tenantId()), 200, decided));
    // Refused before the approval is read.
    run.path("card click from another tenant (refused)", () -> expect(bot.click(approved, ApprovalCard.APPROVE,
        approver, "00000000-0000-4000-8000-00000000beef"), 200, Optional.of(NOTE)));
    // A decision whose follow-up did not fit the budget: handed off (Invoke), then finished by the batonFinish.
    Approval handedOff = pending(wiring, cards, route, serviceUrl, "priming-hand-off");
    wiring.store().decide(ApprovalClaim.of(handedOff), new Decision(true, new SlackUser(approver, "priming"),
        Decision.TEAMS, Instant.now(), Optional.empty()), List.of());
    run.path("hand-off (asynchronous Invoke, then batonFinish)", () -> {
      handOff.handOff(handedOff.id());
      // The finish throws what it could not do (a real hand-off is retried), so it fails the priming.
      wiring.answer(Json.parseObject(Json.write(Map.of("batonFinish", Map.of("approvalId", handedOff.id())))),
          System.nanoTime(), handOff);
    });
    run.path("activity that is no card click (acknowledged)", () -> expect(bot.send(bot.activity(
        "conversationUpdate", Map.of()), Optional.of(bot.token())), 200, Optional.empty()));
    // Last: an ad-hoc freeze on the route's pipeline, which no Teams user may override.
    Approval frozen = pending(wiring, cards, route, serviceUrl, "priming-frozen");
    Instant now = Instant.now();
    new DynamoFreezeStore(dynamo, table, Optional.empty()).put(new AdHocFreeze(frozen.request().pipeline(),
        "priming", "U0PRIMING", now.minusSeconds(60), now.plusSeconds(3600)));
    run.path("approve card click during a freeze (refused)", () -> expect(bot.click(frozen, ApprovalCard.APPROVE,
        approver, settings.tenantId()), 200, Optional.of(NOTE)));
    return run;
  }

  /** What an answer that replaces the card carries; one that leaves it and shows a note. */
  private static final String CARD = "application/vnd.microsoft.card.adaptive";
  private static final String NOTE = "application/vnd.microsoft.activity.message";

  /**
   * Fails unless the Function URL's {@code answer} has HTTP {@code status} ({@link PrimingRun#expectStatus}) and,
   * if given, that invoke type (the card replaced, or a note).
   */
  private static void expect(String answer, int status, Optional<String> type) {
    Optional<String> got = PrimingRun.expectStatus(answer, status).optString("body").filter(b -> b.startsWith("{"))
        .flatMap(b -> Json.parseObject(b).optString("type"));
    if (type.isPresent() && !type.equals(got)) {
      throw new IllegalStateException("answered " + got.orElse("no invoke type") + ", not " + type.get()
          + ": the priming took another branch than a real request would");
    }
  }

  /** A pending approval of {@code route}'s action with approval token {@code token}, its Slack message and card. */
  private static Approval pending(TeamsBotWiring wiring, DynamoTeamsCards cards, Optional<ApprovalRoute> route,
                                  String serviceUrl, String token) {
    Approval approval = Approval.pending(new ApprovalRequest(AwsClients.region().id(),
        route.map(r -> concrete(r.pipeline())).orElse("priming"), route.map(r -> concrete(r.stage())).orElse("s"),
        route.map(r -> concrete(r.action())).orElse("a"), token,
        Optional.of(Instant.now().plus(Duration.ofDays(1))), Optional.of("priming"), Optional.empty(),
        Optional.empty(), Optional.empty()), Instant.now(), Optional.empty(), Optional.empty());
    wiring.store().create(approval, Instant.now());
    wiring.store().recordMessage(approval.id(), "C0PRIMING", "0000000000.000001");
    cards.record(approval.id(), new TeamsCard(serviceUrl, "19:priming@thread.tacv2;messageid=1", "1"));
    return approval;
  }

  /** A name a route's pattern ({@code *} for any characters) matches. */
  private static String concrete(String pattern) {
    return pattern == null ? "priming" : pattern.replace("*", "priming");
  }

  /**
   * The Bot Framework's requests to the bot as priming makes them: activities from {@code serviceUrl} (Bot Framework
   * "Activity schema"; a card click is the {@code adaptiveCard/action} invoke Teams sends for an
   * {@code Action.Execute}), with a token {@link PrimingBotKey} signed, wrapped as the Function URL hands
   * them over (payload 2.0, base64 body) and given to the bot's dispatch.
   */
  private record Requests(TeamsBotSettings settings, String serviceUrl, TeamsBotWiring wiring, HandOff handOff) {
    String token() {
      return PrimingBotKey.token(settings.appId(), serviceUrl);
    }

    /** A click of {@code verb} on {@code a}'s card by the Entra user {@code user} of tenant {@code tenant}. */
    String click(Approval a, String verb, String user, String tenant) {
      Map<String, Object> data = new LinkedHashMap<>(Map.of("approvalId", a.id()));
      if (verb.equals(ApprovalCard.REJECT)) {
        data.put(ApprovalCard.REASON, "priming");
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("name", "adaptiveCard/action");
      fields.put("from", Map.of("id", "29:priming", "name", "priming", "aadObjectId", user));
      fields.put("conversation", Map.of("id", "19:priming@thread.tacv2;messageid=1", "tenantId", tenant,
          "conversationType", "channel"));
      fields.put("replyToId", "1");
      fields.put("value", Map.of("action", Map.of("type", "Action.Execute", "verb", verb, "data", data)));
      return send(activity("invoke", fields), Optional.of(token()));
    }

    Map<String, Object> activity(String type, Map<String, Object> fields) {
      Map<String, Object> activity = new LinkedHashMap<>(Map.of("type", type, "id", "priming",
          "channelId", "msteams", "serviceUrl", serviceUrl,
          "recipient", Map.of("id", "28:" + settings.appId(), "name", "Baton")));
      activity.putAll(fields);
      return activity;
    }

    String send(Map<String, Object> activity, Optional<String> token) {
      Map<String, Object> headers = new LinkedHashMap<>(Map.of("content-type", "application/json"));
      token.ifPresent(t -> headers.put("authorization", "Bearer " + t));
      String request = Json.write(Map.of("version", "2.0", "rawPath", "/api/messages", "headers", headers,
          "requestContext", Map.of("http", Map.of("method", "POST", "path", "/api/messages",
              "sourceIp", "127.0.0.1")),
          "body", Base64.getEncoder().encodeToString(Json.write(activity).getBytes(
              java.nio.charset.StandardCharsets.UTF_8)), "isBase64Encoded", true));
      return wiring.answer(Json.parseObject(request), System.nanoTime(), handOff);
    }
  }
}
