package dev.baton.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.aws.dynamodb.DynamoReleaseStore;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /baton} in Slack, through the callback's Function URL as Slack posts commands and clicks, signed with the
 * app's signing secret: the status of what the stories before released; {@code /baton release} proposed, confirmed
 * twice (one start, recorded with who asked, announced through the click's response_url), refused for someone not
 * allowed and while the pipeline is frozen; the freeze ended again; the history naming who asked.
 */
final class CommandStory implements DemoStory {
  /** Where the click's answer goes (Slack's response_url, here a WireMock path). */
  static final String RESPONSE_PATH = "/slack/respond/demo";

  @Override
  public String title() {
    return "Slack commands (/baton through ApprovalCallbackFunction, who may run what from config/chatops.json)";
  }

  @Override
  public void run(LocalStack stack, PrintStream out) {
    LocalLambda callback = stack.function("ApprovalCallbackFunction");
    command(stack, out, callback, "status payments-deploy", "U0MALLORY", "mallory asks for the status (open to anyone)");
    command(stack, out, callback, "dora payments-deploy 7", "U0MALLORY", "mallory asks for the DORA metrics");
    JsonObject proposal = command(stack, out, callback, "release payments-deploy", "U0ALICE",
        "alice (allow-listed for release) asks to release payments-deploy again");
    String claim = proposal.objects("blocks").getLast().objects("elements").getFirst().string("value");
    click(stack, out, callback, claim, "alice clicks Start");
    click(stack, out, callback, claim, "alice clicks Start again");
    command(stack, out, callback, "release payments-deploy", "U0MALLORY", "mallory (not allow-listed) tries");
    command(stack, out, callback, "freeze payments-deploy 1h demo freeze", "U0ALICE", "alice freezes payments-deploy");
    command(stack, out, callback, "release payments-deploy", "U0ALICE", "alice asks for a release during the freeze");
    command(stack, out, callback, "unfreeze payments-deploy", "U0ALICE", "alice ends the freeze");
    String started = new DynamoReleaseStore(stack.dynamo(), LocalStack.TABLE, Optional.empty())
        .released("payments-deploy", 1).getFirst().record().executionId().orElseThrow();
    out.println("$ ./baton history show " + started + "   (the release alice asked for)");
    HistoryView.detail(out, new DynamoHistoryReader(stack.dynamo(), LocalStack.TABLE).detail("payments-deploy",
        started).orElseThrow());
  }

  private static JsonObject command(LocalStack stack, PrintStream out, LocalLambda fn, String text, String user,
                                    String what) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("command", "/baton");
    form.put("text", text);
    form.put("user_id", user);
    form.put("user_name", user.substring(2).toLowerCase(java.util.Locale.ROOT));
    form.put("channel_id", "C0PAYMENTS");
    form.put("channel_name", "payments-releases");
    form.put("team_id", "T0BATON");
    form.put("response_url", stack.wiremockUrl() + RESPONSE_PATH);
    String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
        StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    out.println("-> " + what + ": /baton " + text);
    JsonObject answer = Json.parseObject(Json.parseObject(invoke(stack, out, fn, body)).string("body"));
    show(out, answer);
    return answer;
  }

  private static void click(LocalStack stack, PrintStream out, LocalLambda fn, String claim, String what) {
    String payload = Json.write(Map.of("type", "block_actions",
        "user", Map.of("id", "U0ALICE", "username", "alice", "name", "alice", "team_id", "T0BATON"),
        "channel", Map.of("id", "C0PAYMENTS", "name", "payments-releases"), "trigger_id", "demo",
        "container", Map.of("type", "message", "channel_id", "C0PAYMENTS", "is_ephemeral", true),
        "response_url", stack.wiremockUrl() + RESPONSE_PATH,
        "actions", List.of(Map.of("action_id", "baton_release_start", "value", claim))));
    out.println("-> " + what);
    invoke(stack, out, fn, "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
    for (LoggedRequest answer : stack.wiremock().findAll(postRequestedFor(urlPathMatching(RESPONSE_PATH)))) {
      JsonObject body = Json.parseObject(answer.getBodyAsString());
      out.println("   Slack shows " + (body.has("delete_original") ? "in the channel (the prompt deleted)"
          : "alice, in place of the prompt") + ":");
      show(out, body);
    }
  }

  /** Invokes {@code fn} with {@code form} as Slack posts it now; prints the calls it made; returns its answer. */
  private static String invoke(LocalStack stack, PrintStream out, LocalLambda fn, String form) {
    stack.wiremock().resetRequests();
    stack.eventBridge().resetRequests();
    Invocation result = fn.invoke(ApprovalStory.signedForm(form.getBytes(StandardCharsets.UTF_8),
        LocalStubs.SLACK_SIGNING_SECRET));
    for (String call : LocalStubs.calls(stack.wiremock())) {
      if (!call.contains(RESPONSE_PATH)) {
        out.println("   called " + (call.length() > 220 ? call.substring(0, 220) + "..." : call));
      }
    }
    LocalStubs.calls(stack.eventBridge()).forEach(call -> out.println("   called " + (call.length() > 220
        ? call.substring(0, 220) + "..." : call)));
    JsonObject answer = Json.parseObject(result.bodyText());
    out.println("   HTTP " + answer.optLong("statusCode").orElse(0L) + " (" + result.elapsed().toMillis() + " ms)");
    return result.bodyText();
  }

  /** A Block Kit answer as text: the header, each section indented, the buttons in brackets. */
  private static void show(PrintStream out, JsonObject answer) {
    for (JsonObject block : answer.objects("blocks")) {
      switch (block.string("type")) {
        case "header" -> out.println("   | " + block.object("text").string("text"));
        case "section" -> block.object("text").string("text").lines().forEach(l -> out.println("   |   " + l));
        case "actions" -> out.println("   |   " + block.objects("elements").stream()
            .map(e -> "[" + e.object("text").string("text") + "]").collect(Collectors.joining(" ")));
        default -> { }
      }
    }
  }
}
