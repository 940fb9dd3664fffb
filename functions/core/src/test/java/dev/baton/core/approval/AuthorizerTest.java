package dev.baton.core.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.baton.slack.CapturedLog;
import dev.baton.slack.approval.ApprovalRig;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GIVEN route payments-production: users alice and bob, group S0RELEASEMGRS, and whoever started the execution may
 * not approve it (bob's identities are the Deployers role); DynamoDB on dynalite, CodePipeline and Slack on WireMock
 * WHEN someone clicks
 * THEN they are allowed, refused, or (where Slack or CodePipeline cannot say now) not allowed for now, never let in
 *   on what could not be checked; a starter found is stored and not looked up again.
 */
class AuthorizerTest {
  private static final ApprovalRig rig = new ApprovalRig();
  private static final SlackUser ALICE = new SlackUser("U0ALICE", "alice");
  private static final SlackUser BOB = new SlackUser("U0BOB", "bob");
  private static final SlackUser CAROL = new SlackUser("U0CAROL", "carol");
  private Authorizer authorizer;

  @BeforeEach
  void fresh() {
    rig.reset();
    authorizer = rig.authorizer();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private static void execution(ResponseDefinitionBuilder answer) {
    rig.wiremock.stubFor(ApprovalRig.cp("GetPipelineExecution").willReturn(answer));
  }

  private static ResponseDefinitionBuilder startedBy(String trigger) {
    return ApprovalRig.awsJson("{\"pipelineExecution\": {\"pipelineName\": \"payments-deploy\", "
        + "\"pipelineExecutionId\": \"exec-1\", \"status\": \"InProgress\", \"trigger\": " + trigger + "}}");
  }

  @Test
  void givenTheStarterStored_thenTheStarterIsRefusedAndOthersAllowedWithoutAsking() {
    Approval a = rig.pending(Optional.empty(), Optional.of(ApprovalRig.BOB));

    assertEquals(Authorization.Verdict.REFUSED, authorizer.mayApprove(a, BOB).verdict());
    assertEquals(Authorization.allowed(), authorizer.mayApprove(a, ALICE));
    assertEquals(0, rig.outboundCalls());
  }

  @Test
  void givenTheStarterUnknownAndCodePipelineFailing_thenTheStarterIsNotAllowedForNowAndNothingIsStored() {
    Approval a = rig.pending(Optional.empty(), Optional.empty());
    execution(aResponse().withStatus(500).withBody("{\"__type\":\"InternalServiceError\"}"));

    try (CapturedLog log = CapturedLog.start()) {
      Authorization may = authorizer.mayApprove(a, BOB);

      assertEquals(Authorization.Verdict.UNCHECKED, may.verdict());
      assertTrue(may.reason().contains("could not find out who started this execution"), may.reason());
      assertTrue(log.text().contains("who started the execution is not known"), log.text());
    }
    assertEquals(Optional.empty(), rig.store.find(a.id()).orElseThrow().startedBy());
  }

  @Test
  void givenTheStarterUnknown_thenSomeoneWithoutIdentitiesIsAllowedWithoutAsking() {
    Approval a = rig.pending(Optional.empty(), Optional.empty());
    execution(aResponse().withStatus(500));

    assertEquals(Authorization.allowed(), authorizer.mayApprove(a, ALICE));
    assertEquals(0, rig.outboundCalls(), "alice cannot be matched to any starter: nothing to look up");
  }

  @Test
  void givenTheStarterUnknownAndCodePipelineAnswering_thenItIsLookedUpOnceAndStored() {
    Approval a = rig.pending(Optional.empty(), Optional.empty());
    execution(startedBy("{\"triggerType\": \"StartPipelineExecution\", \"triggerDetail\": \"" + ApprovalRig.BOB
        + "\"}"));

    assertEquals(Authorization.Verdict.REFUSED, authorizer.mayApprove(a, BOB).verdict());
    rig.wiremock.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson(
        "{\"pipelineName\": \"payments-deploy\", \"pipelineExecutionId\": \"exec-1\"}")));
    Approval stored = rig.store.find(a.id()).orElseThrow();
    assertEquals(Optional.of(ApprovalRig.BOB), stored.startedBy());
    assertEquals(Authorization.Verdict.REFUSED, authorizer.mayApprove(stored, BOB).verdict());
    assertEquals(1, rig.cpCalls("GetPipelineExecution"), "not asked again");
  }

  @Test
  void givenAnExecutionStartedByNoIdentity_thenItsTriggerIsTheStarterAndBobMayApprove() {
    Approval a = rig.pending(Optional.empty(), Optional.empty());
    execution(startedBy("{\"triggerType\": \"PollForSourceChanges\", \"triggerDetail\": \"\"}"));

    assertEquals(Authorization.allowed(), authorizer.mayApprove(a, BOB));
    assertEquals(Optional.of("PollForSourceChanges"), rig.store.find(a.id()).orElseThrow().startedBy());
  }

  @Test
  void givenCodePipelineNoLongerKnowsTheExecution_thenTheStarterIsNotAllowedForNow() {
    Approval a = rig.pending(Optional.empty(), Optional.empty());
    execution(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"PipelineExecutionNotFoundException\",\"message\":\"not found\"}"));

    assertEquals(Authorization.Verdict.UNCHECKED, authorizer.mayApprove(a, BOB).verdict());
  }

  @Test
  void givenTheGroupCannotBeRead_thenItsMembersAreNotAllowedForNowAndTheLogNamesTheScope() {
    Approval a = rig.pending(Optional.empty(), Optional.empty());
    rig.stubSlack("usergroups.users.list", "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"usergroups:read\"}");

    try (CapturedLog log = CapturedLog.start()) {
      assertEquals(Authorization.Verdict.UNCHECKED, authorizer.mayDecide(a, CAROL).verdict());
      assertTrue(log.text().contains("\"level\":\"ERROR\"") && log.text().contains("usergroups:read scope"),
          log.text());
    }
    assertEquals(Authorization.allowed(), authorizer.mayDecide(a, ALICE), "listed users do not need the group");

    rig.stubSlack("usergroups.users.list", "{\"ok\":true,\"users\":[\"U0CAROL\"]}");
    assertEquals(Authorization.allowed(), authorizer.mayDecide(a, CAROL), "a failure is not cached");
    assertEquals(Authorization.Verdict.REFUSED, authorizer.mayDecide(a, new SlackUser("U0MALLORY", "m")).verdict());
    assertEquals(2, rig.slackCalls("usergroups.users.list"), "members cached for a minute");
  }
}
