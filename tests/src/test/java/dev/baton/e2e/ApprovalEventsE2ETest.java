package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * approval-request's events as packaged: exact PutEvents entries (events/baton-approval-*.json) when a request is
 * posted, when CodePipeline reports a decision (made in Slack, or in the console) and when it times out; a redelivery
 * republishes the same event; EventBridge down fails the invocation and the retry publishes once. The approval
 * callback answering Slack makes no PutEvents call (its decision's event follows CodePipeline's report of it).
 */
class ApprovalEventsE2ETest extends ApprovalStackTest {
  /** What moves with the samples' shift to the present (SampleTime), or is Baton's clock. */
  private static final Set<String> MOVING = Set.of("time", "summary");

  @Test
  void givenAPostedRequest_thenOneApprovalRequestedEvent_andADuplicateNotificationRepublishesTheSameOne() {
    Invocation first = requests().invoke(sample("sns-approval-notification.json"));
    Invocation second = requests().invoke(sample("sns-approval-notification.json"));

    assertFalse(first.failed() || second.failed(), first + "\n" + second);
    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(2, entries.size());
    PublishedEvents.assertIsSample("baton-approval-requested.json", entries.get(0), Set.of("time", "expires"));
    assertEquals(entries.get(0).asMap(), entries.get(1).asMap(), "the duplicate publishes the same event");
  }

  @Test
  void givenASlackApproval_thenTheCallbackPublishesNothing_andCodePipelinesReportOfItPublishesApprovalDecided() {
    posted();
    stack.resetEventBridge();

    Invocation click = callback().invoke(SlackInteractions.signed(
        SlackInteractions.form(Events.load("slack-block-actions-approve.json"))));
    assertEquals(200, status(click), click::toString);
    assertEquals(0, PublishedEvents.calls(stack.eventBridge()).size(), "nothing on Slack's clock");
    Invocation reported = requests().invoke(sample("codepipeline-action-approval-succeeded.json"));

    assertFalse(reported.failed(), reported::toString);
    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(1, entries.size());
    PublishedEvents.assertIsSample("baton-approval-decided.json", entries.getFirst(), Set.of("time"));
  }

  @Test
  void givenAConsoleRejection_thenApprovalDecidedViaCodePipelineWithItsSummary() {
    posted();
    stack.resetEventBridge();

    requests().invoke(sample("codepipeline-action-approval-failed.json"));

    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(1, entries.size());
    JsonObject detail = dev.baton.core.json.Json.parseObject(entries.getFirst().string("Detail"));
    assertEquals("Baton Approval Decided", entries.getFirst().string("DetailType"));
    assertEquals("REJECTED", detail.string("decision"));
    assertEquals("codepipeline", detail.string("via"));
    assertEquals("console-or-api", detail.object("actor").string("id"));
    assertTrue(detail.string("summary").startsWith("Rejected by arn:aws:sts::123456789012:assumed-role/"), detail
        .toString());
  }

  @Test
  void givenATimeout_thenApprovalExpired_andEventBridgeDownFailsTheInvocation_whoseRetryPublishesItOnce() {
    posted();
    stack.resetEventBridge();
    var outage = stack.eventBridge().stubFor(WireMock.post("/").willReturn(WireMock.aResponse().withStatus(500)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"InternalException\",\"message\":\"down\"}")));

    Invocation failed = requests().invoke(sample("approval-action-timed-out.json"));
    int tried = PublishedEvents.calls(stack.eventBridge()).size();
    stack.eventBridge().removeStub(outage);
    Invocation retry = requests().invoke(sample("approval-action-timed-out.json"));

    assertTrue(failed.failed(), failed::toString);
    assertEquals("EXPIRED", approval().get("status").s(), "recorded before publishing");
    assertFalse(retry.failed(), retry::toString);
    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(tried + 1, entries.size(), "one more call, accepted");
    entries.forEach(e -> assertEquals(entries.getFirst().asMap(), e.asMap()));
    PublishedEvents.assertIsSample("baton-approval-expired.json", entries.getLast(), MOVING);
  }
}
