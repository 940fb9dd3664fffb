package dev.baton.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.core.freeze.AdHocFreeze;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import dev.baton.local.SampleTime;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A freeze: declared ad hoc on payments-deploy (as {@code /baton freeze} stores it), announced on the alert
 * channels; an upload meanwhile is held (a duplicate adds nothing) and started once when the freeze is over; an
 * approval posted meanwhile shows the freeze, Approve is refused, and a break-glass approver overrides it with a
 * reason that is recorded and announced; the freeze's end is announced.
 */
final class FreezeStory implements DemoStory {
  /** Long enough for the steps below on a busy machine; the story waits for the rest. */
  private static final Duration FREEZE = Duration.ofSeconds(40);
  private static final String TOKEN = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

  @Override
  public String title() {
    return "Freezes (ReleaseTriggerFunction, approvals, AlertsFunction; config/freezes.json and /baton freeze)";
  }

  @Override
  public void run(LocalStack stack, PrintStream out) {
    LocalLambda releases = stack.function("ReleaseTriggerFunction");
    LocalLambda alerts = stack.function("AlertsFunction", Map.of("BATON_SLACK_SECRET", LocalStubs.ALERT_SLACK_SECRET));
    LocalLambda requests = stack.function("ApprovalRequestFunction");
    LocalLambda callback = stack.function("ApprovalCallbackFunction");
    String schedule = ReleaseStory.read("scheduled-freeze-announcements.json");
    String sweep = ReleaseStory.read("scheduled-freeze-sweep.json");

    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant until = now.plus(FREEZE);
    new DynamoFreezeStore(stack.dynamo(), LocalStack.TABLE, Optional.empty()).put(new AdHocFreeze(
        "payments-deploy", "incident 4711: card payments failing", "U0DAVE", now, until));
    out.println("-> U0DAVE freezes payments-deploy until " + until + " (stored as /baton freeze stores it)");
    ApprovalStory.step(stack, out, alerts, schedule,
        "the one-minute schedule runs the alerts function: the freeze is announced");
    ApprovalStory.step(stack, out, alerts, schedule, "the next minute: nothing new to announce");

    String upload = ReleaseStory.read("s3-object-created.json").replace("1.4.2", "1.4.3")
        .replace("3HL4kqtJlcpXroDTDmjVBH40Nrjfkd", "Qm7cWb1xZ0aTt8Rj2kLpE5dVnYs4HgUf");
    ApprovalStory.step(stack, out, releases, upload, "payments 1.4.3 is uploaded during the freeze: held");
    ApprovalStory.step(stack, out, releases, upload, "S3 delivers the same event again: nothing added");
    ApprovalStory.step(stack, out, releases, sweep, "the release sweep runs while the freeze lasts: nothing starts");

    Duration shift = SampleTime.approvalsToNow();
    String notification = SampleTime.shift(ReleaseStory.read("sns-approval-notification.json"), shift)
        .replace(TOKEN, "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
    ApprovalStory.step(stack, out, requests, notification,
        "CodePipeline asks for the production approval: the message shows the freeze");
    String button = buttonValue(stack);
    String approve = SampleTime.shift(ReleaseStory.read("slack-block-actions-approve.json"), shift);
    ApprovalStory.step(stack, out, callback, ApprovalStory.signed(click(approve, "U0ALICE", "alice", button),
        LocalStubs.SLACK_SIGNING_SECRET), "alice clicks Approve: refused, the freeze named");
    ApprovalStory.step(stack, out, callback, ApprovalStory.signed(click(approve, "U0CAROL", "carol", button),
        LocalStubs.SLACK_SIGNING_SECRET), "carol (break-glass group S0INCIDENTCMD) clicks Approve: the form opens");
    String metadata = Json.parseObject(last(stack, "views.open").getBodyAsString()).object("view")
        .string("private_metadata");
    ApprovalStory.step(stack, out, callback,
        ApprovalStory.signed(submission(metadata), LocalStubs.SLACK_SIGNING_SECRET),
        "carol gives her reason: approved, recorded, announced in the channel");

    long wait = Math.max(0, until.toEpochMilli() - System.currentTimeMillis()) + 500;
    out.println("-> waiting " + wait / 1000 + " s for the freeze to end");
    sleep(wait);
    ApprovalStory.step(stack, out, releases, sweep, "the release sweep after the freeze: payments 1.4.3 starts, once");
    ApprovalStory.step(stack, out, releases, sweep, "the next sweep: nothing more");
    ApprovalStory.step(stack, out, alerts, schedule, "the alerts schedule: the freeze's end is announced");
  }

  private static LoggedRequest last(LocalStack stack, String method) {
    List<LoggedRequest> calls = stack.wiremock().findAll(postRequestedFor(urlEqualTo("/slack/api/" + method)));
    return calls.getLast();
  }

  /** The Approve button's value in the message just posted: what a click on it carries. */
  private static String buttonValue(LocalStack stack) {
    JsonObject message = Json.parseObject(last(stack, "chat.postMessage").getBodyAsString());
    for (JsonObject block : message.objects("blocks")) {
      if (block.string("type").equals("actions")) {
        return block.objects("elements").getFirst().string("value");
      }
    }
    throw new IllegalStateException("the approval message has no buttons");
  }

  private static String click(String sample, String user, String name, String value) {
    Map<String, Object> payload = new LinkedHashMap<>(Json.parseObject(sample).asMap());
    payload.put("user", Map.of("id", user, "username", name, "name", name, "team_id", "T0BATON"));
    Map<String, Object> action = new LinkedHashMap<>(Json.parseObject(sample).objects("actions").getFirst().asMap());
    action.put("value", value);
    payload.put("actions", List.of(action));
    return Json.write(payload);
  }

  @SuppressWarnings("unchecked")
  private static String submission(String metadata) {
    Map<String, Object> payload = new LinkedHashMap<>(Json.parseObject(ReleaseStory.read(
        "slack-view-submission-break-glass.json")).asMap());
    Map<String, Object> view = new LinkedHashMap<>((Map<String, Object>) payload.get("view"));
    view.put("private_metadata", metadata);
    payload.put("view", view);
    return Json.write(payload);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the freeze to end", e);
    }
  }
}
