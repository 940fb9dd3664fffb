package dev.baton.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import dev.baton.local.SampleTime;
import dev.baton.slack.SlackSignature;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Slack approvals: a manual-approval request becomes one Slack message; a click signed with the Slack app's signing
 * secret, sent to the callback's Function URL as Slack sends it, approves it exactly once; a forged click is refused.
 */
final class ApprovalStory implements DemoStory {
  @Override
  public String title() {
    return "Slack approvals (ApprovalRequestFunction, ApprovalCallbackFunction, routes from config/approvals.json)";
  }

  @Override
  public void run(LocalStack stack, PrintStream out) {
    LocalLambda requests = stack.function("ApprovalRequestFunction");
    LocalLambda callback = stack.function("ApprovalCallbackFunction");
    // The samples were recorded on a day now past: as if they came a minute ago, so the approval has not expired
    // (the click's button carries the approval's expiry too).
    Duration shift = SampleTime.approvalsToNow();
    String approve = SampleTime.shift(ReleaseStory.read("slack-block-actions-approve.json"), shift);
    String notification = SampleTime.shift(ReleaseStory.read("sns-approval-notification.json"), shift);

    step(stack, out, requests, notification,
        "CodePipeline asks for approval (SNS, events/sns-approval-notification.json)");
    step(stack, out, requests, notification, "the same notification again");
    step(stack, out, callback, signed(approve, LocalStubs.SLACK_SIGNING_SECRET),
        "alice clicks Approve (a click signed with the app's signing secret)");
    step(stack, out, callback, signed(approve, LocalStubs.SLACK_SIGNING_SECRET), "alice clicks again");
    step(stack, out, callback, signed(approve, "someone-elses-secret"), "a forged click (signed with another secret)");

    Map<String, AttributeValue> item = stack.dynamo().getItem(g -> g.tableName(LocalStack.TABLE).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("APPROVAL#apv-a62e9b97bb34d306fccb4a12e18250bf"),
            "sk", AttributeValue.fromS("APPROVAL")))).item();
    out.println("The approval in the table: " + item.get("pipeline").s() + " / " + item.get("stage").s() + " / "
        + item.get("action").s() + ": " + item.get("status").s() + " by " + item.get("decidedBy").s() + " at "
        + item.get("decidedAt").s() + ", message " + item.get("channel").s() + "/" + item.get("messageTs").s());
  }

  /** Runs {@code event} through {@code fn}, printing the calls it made and its answer; then any hand-off it queued. */
  static void step(LocalStack stack, PrintStream out, LocalLambda fn, String event, String what) {
    stack.wiremock().resetRequests();
    Invocation result = fn.invoke(event);
    out.println("-> " + what);
    for (String call : LocalStubs.calls(stack.wiremock())) {
      out.println("   called " + (call.length() > 220 ? call.substring(0, 220) + "..." : call));
    }
    JsonObject answer = Json.parseObject(result.bodyText());
    out.println("   " + (answer.has("statusCode") ? "HTTP " + answer.optLong("statusCode").orElse(0L) + " "
        + answer.optString("body").orElse("") : result.bodyText()) + " (" + result.elapsed().toMillis() + " ms)");
    // A click that did not fit Slack's 3 seconds (a cold start on a busy machine) queued the rest for the callback
    // itself (Lambda's asynchronous Invoke): Lambda runs it next, so the story runs it too.
    for (LoggedRequest handOff : stack.wiremock().findAll(postRequestedFor(
        urlPathMatching("/2015-03-31/functions/.+/invocations")))) {
      step(stack, out, fn, handOff.getBodyAsString(), "Lambda runs the queued hand-off " + handOff.getBodyAsString());
    }
  }

  private static byte[] form(String payload) {
    return ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  /** A Function URL request as Slack's interactivity posts it now, signed with {@code signingSecret}. */
  static String signed(String payload, String signingSecret) {
    return signedForm(form(payload), signingSecret);
  }

  /** A Function URL request carrying {@code body} (a form, as Slack posts it) now, signed with {@code signingSecret}. */
  @SuppressWarnings("unchecked")
  static String signedForm(byte[] body, String signingSecret) {
    String now = Long.toString(Instant.now().getEpochSecond());
    Map<String, Object> event = new LinkedHashMap<>(Json.parseObject(ReleaseStory.read(
        "function-url-slack-interaction.json")).asMap());
    Map<String, Object> headers = new LinkedHashMap<>((Map<String, Object>) event.get("headers"));
    headers.put("x-slack-request-timestamp", now);
    headers.put("x-slack-signature", "v0=" + SlackSignature.sign(signingSecret, now, body));
    headers.put("content-length", Integer.toString(body.length));
    event.put("headers", headers);
    event.put("body", Base64.getEncoder().encodeToString(body));
    return Json.write(event);
  }
}
