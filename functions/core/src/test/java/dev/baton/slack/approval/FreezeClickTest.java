package dev.baton.slack.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalClaim;
import dev.baton.core.approval.ApprovalTransition;
import dev.baton.core.approval.BreakGlassOverride;
import dev.baton.core.approval.Decision;
import dev.baton.core.approval.SlackUser;
import dev.baton.core.freeze.Freeze;
import dev.baton.core.freeze.WhenFrozen;
import dev.baton.slack.CapturedLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GIVEN the callback with its real adapters (DynamoDB on dynalite, CodePipeline and Slack on WireMock), route
 *   payments-production whose break-glass user is alice
 * WHEN someone approves while the freezes cannot be read, or an override's announcement fails
 * THEN nothing is approved while the freezes are unknown (fail closed), and the announcement is given back and sent
 *   exactly once by the hand-off.
 */
class FreezeClickTest {
  private static final ApprovalRig rig = new ApprovalRig();
  private static final Instant NOW = Instant.now();

  @BeforeEach
  void fresh() {
    rig.reset();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private static String click(Approval a, String user) {
    byte[] body = ApprovalRig.clickBody(a.id(), user, true);
    return ApprovalRig.event(body, ApprovalRig.signedHeaders(body, String.valueOf(NOW.getEpochSecond())));
  }

  @Test
  void givenTheFreezesCannotBeRead_thenApproveIsRefusedForNow_nothingRecorded_noPutApprovalResult() {
    rig.freezes = (pipeline, t) -> {
      throw new IllegalStateException("DynamoDB: ProvisionedThroughputExceededException");
    };
    Approval a = rig.pending(Optional.empty(), Optional.empty());

    try (CapturedLog log = CapturedLog.start()) {
      rig.callback(Duration.ofSeconds(2)).handle(dev.baton.core.json.Json.parseObject(click(a, "U0ALICE")),
          rig.nanos.get(), rig.handOff());

      assertTrue(log.text().contains("the freezes could not be checked"), log.text());
    }
    assertEquals(0, rig.cpCalls("PutApprovalResult"));
    assertEquals(0, rig.slackCalls("views.open"));
    assertTrue(rig.store.find(a.id()).orElseThrow().decision().isEmpty());
    rig.wiremock.verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.text", containing("Baton cannot check your permission now: Baton could "
            + "not check whether payments-deploy is frozen. Nothing was recorded."))));
  }

  @Test
  void givenTheAnnouncementFails_thenItIsGivenBackAndTheHandOffSendsItOnce() {
    Approval a = rig.pending(Optional.empty(), Optional.empty());
    Freeze f = new Freeze("weekend", "No deploys over the weekend", Optional.empty(), NOW.minusSeconds(60),
        NOW.plusSeconds(3600), WhenFrozen.HOLD);
    ApprovalTransition t = rig.store.decide(ApprovalClaim.of(a), new Decision(true, new SlackUser("U0ALICE",
        "alice"), "payments-releases", NOW, Optional.empty(), Optional.of(BreakGlassOverride.of(f, "hotfix"))),
        List.of());
    assertTrue(t.done());
    rig.stubSlack("chat.postMessage", "{\"ok\":false,\"error\":\"channel_not_found\"}");

    rig.finisher(Duration.ofSeconds(2), () -> rig.nanos.get()).finishWithin(t.approval().orElseThrow(),
        rig.nanos.get(), rig.handOff());

    assertEquals(List.of(a.id()), rig.handOffs);
    assertEquals(1, rig.cpCalls("PutApprovalResult"));
    assertFalse(rig.store.claimOverrideAnnouncement("apv-none", NOW), "no such approval, nothing to claim");
    rig.wiremock.resetRequests();
    rig.stubSlack("chat.postMessage", "{\"ok\":true,\"channel\":\"C0PAYMENTS\",\"ts\":\"3.3\"}");

    rig.finisher(Duration.ofSeconds(2), () -> rig.nanos.get()).finish(a.id());
    rig.finisher(Duration.ofSeconds(2), () -> rig.nanos.get()).finish(a.id());

    assertEquals(0, rig.cpCalls("PutApprovalResult"), "CodePipeline has it already");
    assertEquals(1, rig.slackCalls("chat.postMessage"));
    rig.wiremock.verify(postRequestedFor(urlEqualTo("/slack/api/chat.postMessage"))
        .withRequestBody(matchingJsonPath("$.text", containing("Break glass: alice approved payments-deploy / "
            + "Approve / ProductionGate during the freeze weekend (No deploys over the weekend): hotfix"))));
  }
}
