import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import dev.baton.local.BareHandler;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import dev.baton.local.Repo;
import dev.baton.local.SampleTime;
import dev.baton.local.Stats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Per function, in one run, fresh processes round-robin ({@code rounds} of each): the bare handler's cold start, the
 * function's on-demand cold start (unprimed), and the function as a SnapStart version ({@code LocalLambda.snapStart}:
 * priming in the beforeCheckpoint hook, then the first event after the restore), followed by {@code warm} warm
 * invocations in that same process. Every invocation is new work (a fresh upload, execution, approval or click)
 * and must succeed; the callback's must end APPROVED without a hand-off. An id {@code LogicalId:shape} measures
 * another event shape of that function: {@code ReleaseTriggerFunction:promotion} (a succeeded payments-staging
 * execution, promoted to payments-prod, its revision from GetPipelineExecution), {@code ReleaseTriggerFunction:sweep}
 * and {@code AlertsFunction:freeze-sweep} (their schedules' events), {@code ApprovalCallbackFunction:status} (a
 * signed {@code /baton status}). {@code TeamsBotFunction} takes Approve card clicks ({@link TeamsBotBench}: the
 * token verified against the Bot Framework's keys, the card and the Slack message updated).
 *   java -cp <local classpath> bench/PrimingBench.java [rounds] [warm] [LogicalId[:shape] ...]
 */
public class PrimingBench {
  /** Each function on its main event; {@code Function:shape} for another event shape of the same function. */
  private static final String[] ALL = {"ReleaseTriggerFunction", "ReleaseTriggerFunction:promotion",
      "ReleaseTriggerFunction:sweep", "PipelineHistoryFunction", "AlertsFunction", "AlertsFunction:freeze-sweep",
      "ApprovalRequestFunction", "ApprovalCallbackFunction", "ApprovalCallbackFunction:status", "TeamsBotFunction"};

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    String[] functions = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : ALL;
    Path bare = BareHandler.zip(Files.createTempDirectory("bare-handler"));
    try (LocalStack stack = LocalStack.start()) {
      stubs(stack);
      System.out.printf("priming bench: %d rounds, %d warm invocations per primed process; %s, %d cores%n", rounds,
          warm, Runtime.version(), Runtime.getRuntime().availableProcessors());
      System.out.printf("%-36s %9s %9s %9s %11s %9s %9s %9s%n", "function (medians, ms)", "bare cold", "cold",
          "1st inv.", "primed 1st", "warm p50", "warm p99", "priming");
      for (String function : functions) {
        measure(stack, bare, function, rounds, warm);
      }
    }
  }

  private static void measure(LocalStack stack, Path bare, String id, int rounds, int warm) throws Exception {
    String function = id.split(":")[0];
    List<Double> bareCold = new ArrayList<>();
    List<Double> cold = new ArrayList<>();
    List<Double> coldFirst = new ArrayList<>();
    List<Double> primedFirst = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    List<Double> priming = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      String table = "bench-" + id.toLowerCase().replace(':', '-') + "-" + round;
      stack.createTable("Table", table);
      IntFunction<String> event = events(stack, id, table, round);
      Map<String, String> env = function.equals("TeamsBotFunction") ? TeamsBotBench.env(stack, table) : env(table);

      long t0 = System.nanoTime();
      try (LocalLambda b = LocalLambda.builder(bare, BareHandler.HANDLER).functionName("hello").start()) {
        ok("bare handler", b.invoke(event.apply(0)), b);
        bareCold.add((System.nanoTime() - t0) / 1e6);
      }

      t0 = System.nanoTime();
      try (LocalLambda fn = stack.function(function, env, b -> { })) {
        Invocation first = ok("on-demand " + function, fn.invoke(event.apply(1)), fn);
        cold.add((System.nanoTime() - t0) / 1e6);
        coldFirst.add(first.elapsed().toNanos() / 1e6);
      }

      try (LocalLambda fn = stack.function(function, env, b -> b.snapStart(true))) {
        fn.awaitSnapshot(Duration.ofSeconds(120));
        priming.add(primedMs(fn.log()));
        Invocation first = ok(function, fn.invoke(event.apply(2)), fn);
        primedFirst.add(first.elapsed().toNanos() / 1e6);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warm; i++) {
          times.add(ok(function, fn.invoke(event.apply(3 + i)), fn).elapsed().toNanos() / 1e6);
        }
        p50.add(Stats.percentile(times, 50));
        p99.add(Stats.percentile(times, 99));
      }
    }
    System.out.printf("%-36s %9.0f %9.0f %9.0f %11.0f %9.1f %9.1f %9.0f%n", id, Stats.median(bareCold),
        Stats.median(cold), Stats.median(coldFirst), Stats.median(primedFirst), Stats.median(p50), Stats.median(p99),
        Stats.median(priming));
    System.out.printf("  runs: primed 1st %s; on-demand 1st %s%n", round(primedFirst), round(coldFirst));
  }

  /** The function's i-th event of this round: new work every time. */
  private static IntFunction<String> events(LocalStack stack, String id, String table, int round)
      throws Exception {
    String tag = "r" + round + "i";
    return switch (id) {
      case "ReleaseTriggerFunction:promotion" -> vary(load("codepipeline-pipeline-succeeded-staging.json"),
          "5b9e2d3f-8c4a-4f2a-b1d6-a3c7f2e8e415", tag);
      case "ReleaseTriggerFunction:sweep" -> i -> unchecked(() -> load("scheduled-freeze-sweep.json"));
      case "AlertsFunction:freeze-sweep" -> i -> unchecked(() -> load("scheduled-freeze-announcements.json"));
      case "ApprovalCallbackFunction:status" -> i -> unchecked(() -> ApprovalCallbackBench.signed(slashCommand(
          "status")));
      case "ReleaseTriggerFunction" -> vary(load("s3-object-created.json"), "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd", tag);
      case "PipelineHistoryFunction", "AlertsFunction" ->
          vary(load("codepipeline-action-failed-codebuild.json"), "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806", tag);
      case "ApprovalRequestFunction" -> vary(SampleTime.shift(load("sns-approval-notification.json"),
          SampleTime.approvalsToNow()), "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", tag);
      case "ApprovalCallbackFunction" -> i -> {
        try {
          return ApprovalCallbackBench.click(ApprovalCallbackBench.pending(stack, table, round * 100_000 + i));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      case "TeamsBotFunction" -> i -> unchecked(() -> TeamsBotBench.click(stack, TeamsBotBench.pending(stack, table,
          round * 100_000 + i)));
      default -> throw new IllegalArgumentException("no events for " + id);
    };
  }

  /** The sample slash command (events/slack-slash-command.json) with {@code text}, form-encoded as Slack posts it. */
  private static byte[] slashCommand(String text) throws Exception {
    String sample = load("slack-slash-command.json");
    var fields = new java.util.LinkedHashMap<String, String>();
    var m = java.util.regex.Pattern.compile("\"([a-z_]+)\": \"([^\"]*)\"").matcher(sample);
    while (m.find()) {
      fields.put(m.group(1), m.group(1).equals("text") ? text : m.group(2));
    }
    StringBuilder form = new StringBuilder();
    fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
        .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return form.toString().getBytes(StandardCharsets.UTF_8);
  }

  private interface Loader {
    String get() throws Exception;
  }

  private static String unchecked(Loader loader) {
    try {
      return loader.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static IntFunction<String> vary(String sample, String part, String tag) {
    return i -> sample.replace(part, part + tag + i);
  }

  private static String load(String name) throws Exception {
    return Files.readString(Repo.root().resolve("events").resolve(name));
  }

  private static Map<String, String> env(String table) {
    return Map.of("BATON_TABLE", table, "BATON_SLACK_SECRET", "baton/slack");
  }

  private static Invocation ok(String function, Invocation inv, LocalLambda fn) {
    String body = inv.bodyText();
    // A primed callback or bot must finish the click itself; an on-demand cold one may hand off on a busy machine.
    boolean callback = function.endsWith("ApprovalCallbackFunction") || function.endsWith("TeamsBotFunction");
    boolean finished = function.startsWith("on-demand") || !fn.log().contains("handed off");
    boolean decided = !function.endsWith("TeamsBotFunction") || body.contains("Approved by Jane Doe");
    boolean good = !inv.failed() && (!callback || body.contains("\"statusCode\":200") && finished && decided);
    if (!good) {
      throw new IllegalStateException(function + ": the invocation did not do its whole work: " + inv + "\n"
          + fn.log());
    }
    return inv;
  }

  private static double primedMs(String log) {
    var m = java.util.regex.Pattern.compile("\"message\":\"primed\",\"function\":\"[^\"]+\",\"ms\":(\\d+)")
        .matcher(log);
    if (!m.find()) {
      throw new IllegalStateException("the function did not prime: " + log);
    }
    return Double.parseDouble(m.group(1));
  }

  private static List<Long> round(List<Double> xs) {
    return xs.stream().map(Math::round).toList();
  }

  /** The alerts bench's answers, then the callback bench's (its Slack secret, with the signing secret, wins). */
  private static void stubs(LocalStack stack) {
    var w = stack.wiremock();
    AlertsBench.stubs(w);
    ApprovalCallbackBench.stubs(stack);
    TeamsBotBench.stubs(stack);
    w.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("CodePipeline_20150709.StartPipelineExecution"))
        .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"pipelineExecutionId\":\"{{randomValue type='UUID'}}\"}")
            .withTransformers("response-template")));
    w.stubFor(post(urlPathMatching("/2015-03-31/functions/.*/invocations")).willReturn(aResponse().withStatus(202)));
    // A promoted execution Baton did not start: the revision CodePipeline recorded.
    w.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("CodePipeline_20150709.GetPipelineExecution"))
        .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1").withBody("""
            {"pipelineExecution": {"pipelineName": "payments-staging", "pipelineExecutionId": "bench",
              "status": "Succeeded", "artifactRevisions": [{"name": "SourceArtifact", "revisionId":
              "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd", "revisionSummary": "payments-1.4.2.zip"}], "variables": []}}""")));
  }
}
