package dev.baton.functions.teams;

import dev.baton.core.freeze.FreezeCalendar;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.aws.AwsClients;
import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.priming.PrimingClients;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalClaim;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.Decision;
import dev.baton.core.approval.SlackUser;
import dev.baton.core.json.Json;
import dev.baton.core.runtime.Primed;
import dev.baton.slack.PrimingSlack;
import dev.baton.teams.TeamsHttp;
import dev.baton.teams.bot.ApprovalCard;
import dev.baton.teams.bot.BotTokenVerifier;
import dev.baton.teams.bot.CardAction;
import dev.baton.teams.bot.TeamsBotSettings;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The bot's priming: the function's own object graph ({@link TeamsBotWiring}) on edges answered in the process
 * ({@link PrimingClients}, {@link PrimingSlack}): an RS256 token signed and verified with a key made here (the JOSE
 * classes the verifier uses), a sample card click read and answered with a card, a sample approval stored, decided
 * by one conditional write, finished (PutApprovalResult, chat.update, the outcome recorded), and the JDK's TLS set-up.
 * No call leaves the process: the Bot Framework keys, the Bot Connector and Microsoft Graph are never asked (the
 * sample approval has no Teams card), and the real clients, secret cache and table are never touched.
 */
final class TeamsBotPriming {
  private TeamsBotPriming() {}

  /** Primes; returns how many calls the in-process stand-ins answered, and the one path it takes. */
  static Primed prime(String table, String slackSecret, TeamsBotSettings settings, ApprovalRoutes routes,
                   FreezeCalendar calendar, Duration budget) {
    PrimingClients aws = PrimingClients.create();
    PrimingSlack slack = new PrimingSlack();
    SecretLoader secrets = SecretLoader.builder().secretsManager(aws.lean(LeanAwsClient.SECRETS_MANAGER))
        .ssm(aws.lean(LeanAwsClient.SSM)).build();
    TeamsBotWiring wiring = TeamsBotWiring.wire(aws.build(DynamoDbClient.builder()), table, Optional.empty(),
        aws.build(CodePipelineClient.builder()), secrets, slackSecret, slack, TeamsHttp.builder().build(), settings,
        routes, calendar, budget);
    token(settings);
    Approval approval = Approval.pending(new ApprovalRequest(AwsClients.region().id(), "priming", "priming",
        "priming", "priming", Optional.of(Instant.now().plus(Duration.ofDays(1))), Optional.of("priming"),
        Optional.empty(), Optional.empty(), Optional.empty()), Instant.now(), Optional.empty(), Optional.empty());
    CardAction click = CardAction.parse(Json.parseObject(Json.write(activity(approval.id(), settings.tenantId()))));
    wiring.store().create(approval, Instant.now());
    wiring.store().recordMessage(approval.id(), "C0PRIMING", "0000000000.000001");
    wiring.store().decide(ApprovalClaim.of(approval), new Decision(click.approve(),
        new SlackUser(click.userObjectId(), click.userName()), Decision.TEAMS, Instant.now(), click.reason()),
        List.of());
    wiring.finisher().finish(approval.id());
    Json.write(ApprovalCard.invokeResponse(wiring.store().find(approval.id()).orElseThrow()));
    PrimingClients.primeTls();
    return new Primed(aws.answered() + slack.answered(), List.of("approve card click"));
  }

  /** An RS256 token like the Bot Framework's, signed and verified here. */
  private static void token(TeamsBotSettings settings) {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID("priming").generate();
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("priming").build(),
          new JWTClaimsSet.Builder().issuer(BotTokenVerifier.ISSUER).audience(settings.appId())
              .expirationTime(Date.from(Instant.now().plusSeconds(300))).claim(BotTokenVerifier.SERVICE_URL_CLAIM, "https://priming.invalid/")
              .build());
      jwt.sign(new RSASSASigner(key));
      SignedJWT parsed = SignedJWT.parse(jwt.serialize());
      if (!parsed.verify(new RSASSAVerifier(key.toPublicJWK())) || parsed.getJWTClaimsSet().getIssuer() == null) {
        throw new IllegalStateException("priming token did not verify");
      }
    } catch (JOSEException | ParseException e) {
      throw new IllegalStateException("priming the token check failed", e);
    }
  }

  private static Map<String, Object> activity(String approvalId, String tenantId) {
    return Map.of("type", "invoke", "name", "adaptiveCard/action", "serviceUrl", "https://priming.invalid/",
        "from", Map.of("id", "29:priming", "name", "priming", "aadObjectId", "00000000-0000-0000-0000-000000000000"),
        "conversation", Map.of("id", "19:priming@thread.tacv2", "tenantId", tenantId),
        "replyToId", "priming", "value", Map.of("action", Map.of("type", "Action.Execute",
            "verb", ApprovalCard.APPROVE, "data", Map.of("approvalId", approvalId))));
  }
}
