package dev.baton.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Failure alerting: what the alerts function would send to SNS and Slack for a run of pipeline events. */
final class AlertStory implements DemoStory {
  @Override
  public String title() {
    return "Failure alerting (AlertsFunction, routing from config/alert-routing.json)";
  }

  @Override
  public void run(LocalStack stack, PrintStream out) {
    LocalLambda fn = stack.function("AlertsFunction", Map.of("BATON_SLACK_SECRET", LocalStubs.ALERT_SLACK_SECRET));
    send(stack, fn, out, "codepipeline-action-failed-codebuild.json", "the Build action of payments-deploy fails");
    send(stack, fn, out, "codepipeline-action-failed-codebuild.json", "EventBridge delivers the same event again");
    send(stack, fn, out, "codepipeline-stage-failed.json", "its stage fails");
    send(stack, fn, out, "codepipeline-pipeline-failed.json", "the execution fails");
    send(stack, fn, out, "alerts-pipeline-succeeded-after-failure.json", "the next execution succeeds");
    send(stack, fn, out, "codepipeline-action-approval-failed.json", "a production approval is rejected");
    StubMapping down = stack.wiremock().stubFor(post(urlEqualTo("/slack/api/chat.postMessage")).atPriority(1)
        .willReturn(aResponse().withStatus(503).withBody("upstream connect error")));
    send(stack, fn, out, "alerts-action-failed-codedeploy.json", "a ledger-deploy deployment fails while Slack is down");
    stack.wiremock().removeStub(down);
    send(stack, fn, out, "alerts-action-failed-codedeploy.json", "Lambda retries that event once Slack is back");
    send(stack, fn, out, "alerts-action-failed-parallel.json",
        "search-deploy: a test shard fails (default route: #deployments)");
  }

  private static void send(LocalStack stack, LocalLambda fn, PrintStream out, String eventFile, String what) {
    stack.wiremock().resetRequests();
    Invocation result = fn.invoke(ReleaseStory.read(eventFile));
    out.println("-> " + what + " (events/" + eventFile + ")");
    int sent = 0;
    for (var e : stack.wiremock().getAllServeEvents().reversed()) {
      String line = describe(e.getRequest());
      if (line != null) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
        out.println("   " + line + (status == 200 ? "" : "   <- HTTP " + status));
        sent++;
      }
    }
    if (result.failed()) {
      JsonObject error = Json.parseObject(result.bodyText());
      out.println("   invocation failed: " + error.optString("errorMessage").orElse(result.bodyText()));
      out.println("   (on AWS: Lambda retries the event; after 2 retries it goes to the alert dead-letter queue)");
    } else {
      JsonObject outcome = Json.parseObject(result.bodyText());
      out.println("   " + outcome.string("decision") + (sent == 0 ? "; nothing sent" : ""));
    }
    out.println("   (" + result.elapsed().toMillis() + " ms)");
  }

  /** One line for a request that carries an alert; null for the function's reads. */
  private static String describe(LoggedRequest r) {
    String body = r.getBodyAsString();
    if (body.startsWith("Action=Publish")) {
      return "SNS   " + form(body, "Subject") + "  {pipeline, state, severity} = {"
          + form(body, "MessageAttributes.entry.1.Value.StringValue") + ", "
          + form(body, "MessageAttributes.entry.2.Value.StringValue") + ", "
          + form(body, "MessageAttributes.entry.3.Value.StringValue") + "}";
    }
    if (r.getUrl().startsWith("/slack/api/")) {
      JsonObject m = Json.parseObject(body);
      String method = r.getUrl().substring("/slack/api/".length());
      String where = method.equals("chat.update") ? "edit parent " + m.optString("ts").orElse("")
          : m.optString("thread_ts").map(t -> "reply in thread " + t + (m.optBoolean("reply_broadcast").orElse(false)
              ? " (also to the channel)" : "")).orElse("new message");
      return "Slack " + m.optString("channel").orElse("?") + " " + where + ": " + m.optString("text").orElse("");
    }
    return null;
  }

  static String form(String body, String name) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }
}
