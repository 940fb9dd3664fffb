import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import dev.baton.local.Stats;
import dev.baton.local.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The alerts function as packaged, measured from handing an event to the runtime client until its answer, which
 * comes after both deliveries (SNS Publish and Slack chat.postMessage) are made and recorded.
 * <ul>
 *   <li>cold: a fresh JVM under the Lambda runtime interface client gets a failed-build event of a new execution
 *       (JVM start, runtime client, init: routing, clients, then the secret read, look-ups, the conditional writes
 *       and both deliveries); interleaved with a bare handler (reads the event, answers) under the same client;</li>
 *   <li>warm: one environment gets many failed-build events of distinct executions (each a full alert);</li>
 *   <li>calls per alert: every request each kind of event makes, DynamoDB included (counted through a proxy).</li>
 * </ul>
 */
public class AlertsBench {
  static final String EXEC = "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806";
  static final String SECRET_ENV = "BATON_SLACK_SECRET";

  public static void main(String[] args) throws Exception {
    int coldRuns = Integer.parseInt(args[0]);
    int warmAlerts = Integer.parseInt(args[1]);
    Path bare = dev.baton.local.BareHandler.zip(Files.createTempDirectory("bare-handler"));
    String failedBuild = Files.readString(Repo.root().resolve("events/codepipeline-action-failed-codebuild.json"));
    try (LocalStack stack = LocalStack.start()) {
      stubs(stack.wiremock());
      List<Long> cold = new ArrayList<>();
      List<Long> baseline = new ArrayList<>();
      for (int run = 0; run < coldRuns; run++) {
        String table = "bench-cold-" + run;
        stack.createTable("Table", table);
        try (LocalLambda fn = stack.function("AlertsFunction", Map.of("BATON_TABLE", table, SECRET_ENV, "bench/slack"))) {
          cold.add(check(fn.invoke(event(failedBuild)), 2).elapsed().toMillis());
        }
        try (LocalLambda b = LocalLambda.builder(bare, dev.baton.local.BareHandler.HANDLER).memoryMb(1024).start()) {
          baseline.add(b.invoke(event(failedBuild).getBytes(), Duration.ofSeconds(60)).elapsed().toMillis());
        }
      }

      stack.createTable("Table", "bench-warm");
      LocalLambda warm = stack.function("AlertsFunction", Map.of("BATON_TABLE", "bench-warm", SECRET_ENV, "bench/slack"));
      List<Long> warmNanos = new ArrayList<>();
      List<Long> toDeliveries = new ArrayList<>();
      for (int i = 0; i < warmAlerts + 20; i++) {
        stack.wiremock().resetRequests();
        long handedAt = System.currentTimeMillis();
        Invocation r = check(warm.invoke(event(failedBuild)), 2);
        if (i >= 20) {   // the first 20 warm the JIT and the connections
          warmNanos.add(r.elapsed().toNanos());
          long last = stack.wiremock().getAllServeEvents().stream()
              .filter(e -> e.getRequest().getBodyAsString().startsWith("Action=Publish")
                  || e.getRequest().getUrl().startsWith("/slack/api/"))
              .mapToLong(e -> e.getRequest().getLoggedDate().getTime()).max().orElseThrow();
          toDeliveries.add(last - handedAt);
        }
      }

      Map<String, Map<String, Integer>> calls = callsPerEvent(stack, failedBuild);

      long coldMedian = (long) Stats.median(cold);
      long baseMedian = (long) Stats.median(baseline);
      System.out.println("alerts cold start (fresh JVM -> failed-build event -> look-ups -> SNS + Slack -> answer), "
          + coldRuns + " runs:");
      System.out.println("  runs (ms):            " + cold);
      System.out.println("  median:               " + coldMedian + " ms");
      System.out.println("bare handler baseline (same runtime client, same run, interleaved), " + coldRuns + " runs:");
      System.out.println("  runs (ms):            " + baseline);
      System.out.println("  median:               " + baseMedian + " ms");
      System.out.println("  alerts' own cold cost: " + (coldMedian - baseMedian) + " ms over the baseline");
      System.out.println("warm, " + warmAlerts + " alerts on one environment (each a new execution: look-ups, "
          + "conditional writes, SNS + Slack):");
      System.out.printf("  event -> answer (both delivered and recorded): p50 %.1f ms, p99 %.1f ms%n",
          Stats.percentile(warmNanos, 50) / 1e6, Stats.percentile(warmNanos, 99) / 1e6);
      System.out.printf("  event -> last delivery request received:      p50 %.0f ms, p99 %.0f ms (ms clock)%n",
          Stats.percentile(toDeliveries, 50), Stats.percentile(toDeliveries, 99));
      System.out.println("calls per event (warm; DynamoDB counted through a proxy):");
      calls.forEach((what, counts) -> System.out.println("  " + what + ": " + counts.values().stream()
          .mapToInt(Integer::intValue).sum() + " " + counts));
      System.out.println("  + once per cold start / secret TTL (5 min): 1 secretsmanager.GetSecretValue");
      System.out.println("zip: functions/alerts/target/alerts.zip " + Files.size(Repo.root().resolve(
          "functions/alerts/target/alerts.zip")) / 1024 + " KiB");
      System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
          + System.getProperty("java.vm.name") + " " + Runtime.version());
    }
  }

  /** Runs one of each kind of event through a function whose DynamoDB endpoint is a counting proxy to dynalite. */
  static Map<String, Map<String, Integer>> callsPerEvent(LocalStack stack, String failedBuild) throws IOException {
    WireMockServer proxy = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(stack.dynamoEndpoint().toString())));
    stack.createTable("Table", "bench-calls");
    Map<String, Map<String, Integer>> out = new java.util.LinkedHashMap<>();
    try (LocalLambda fn = stack.function("AlertsFunction", Map.of("BATON_TABLE", "bench-calls", SECRET_ENV,
        "bench/slack", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + proxy.port()))) {
      check(fn.invoke(event(failedBuild)), 2);   // cold start and secret read out of the way
      String exec = UUID.randomUUID().toString();
      String first = failedBuild.replace(EXEC, exec);
      String parallel = Files.readString(Repo.root().resolve("events/alerts-action-failed-parallel.json"));
      String execP = "e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9";
      out.put("first failure (action FAILED: alert created, SNS + Slack)", count(stack, proxy, fn, first));
      out.put("the same event again (dedupe)", count(stack, proxy, fn, first));
      out.put("stage FAILED of that execution", count(stack, proxy, fn, read("codepipeline-stage-failed.json")
          .replace(EXEC, exec)));
      out.put("pipeline FAILED of that execution (parent edited)", count(stack, proxy, fn,
          read("codepipeline-pipeline-failed.json").replace(EXEC, exec)));
      out.put("next execution SUCCEEDED (recovery: SNS + Slack)", count(stack, proxy, fn,
          read("alerts-pipeline-succeeded-after-failure.json")));
      String execQ = UUID.randomUUID().toString();
      count(stack, proxy, fn, parallel.replace(execP, execQ));
      out.put("2nd failed action of an execution (thread reply)", count(stack, proxy, fn, parallel.replace(execP, execQ)
          .replace("Shard01", "Shard02").replace("8b01\"", "8b02\"")));
    } finally {
      proxy.stop();
    }
    return out;
  }

  static Map<String, Integer> count(LocalStack stack, WireMockServer proxy, LocalLambda fn, String event) {
    stack.wiremock().resetRequests();
    proxy.resetRequests();
    Invocation r = fn.invoke(event);
    if (r.failed()) {
      throw new IllegalStateException("failed: " + r);
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (ServeEvent e : proxy.getAllServeEvents()) {
      counts.merge("dynamodb:" + target(e), 1, Integer::sum);
    }
    for (ServeEvent e : stack.wiremock().getAllServeEvents()) {
      String body = e.getRequest().getBodyAsString();
      String what = body.startsWith("Action=Publish") ? "sns:Publish"
          : e.getRequest().getUrl().startsWith("/slack/api/") ? "slack:" + e.getRequest().getUrl().substring(11)
          : target(e);
      counts.merge(what, 1, Integer::sum);
    }
    return counts;
  }

  static String target(ServeEvent e) {
    String t = e.getRequest().getHeader("X-Amz-Target");
    return t == null ? e.getRequest().getUrl() : t.substring(t.indexOf('.') + 1);
  }

  static String read(String name) throws IOException {
    return Files.readString(Repo.root().resolve("events").resolve(name));
  }

  /** The failed-build event of a new execution, so every invocation makes a full alert. */
  static String event(String failedBuild) {
    return failedBuild.replace(EXEC, UUID.randomUUID().toString());
  }

  static Invocation check(Invocation r, int deliveries) {
    if (r.failed() || r.bodyText().split("\"result\":\"SENT\"", -1).length - 1 != deliveries) {
      throw new IllegalStateException("expected " + deliveries + " deliveries: " + r);
    }
    return r;
  }

  static void stubs(WireMockServer w) {
    w.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"Name\":\"bench/slack\",\"SecretString\":\"{\\\"botToken\\\":\\\"xoxb-bench\\\"}\"}")));
    w.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("CodePipeline_20150709.GetPipelineExecution"))
        .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1").withBody(
            "{\"pipelineExecution\":{\"pipelineName\":\"payments-deploy\",\"status\":\"InProgress\","
                + "\"trigger\":{\"triggerType\":\"WebhookV2\",\"triggerDetail\":\"arn:aws:codestar-connections:x\"},"
                + "\"artifactRevisions\":[{\"name\":\"SourceArtifact\",\"revisionId\":"
                + "\"9fceb02d0ae598e95dc970b74767f19372d61af8\",\"revisionSummary\":\"Retry card authorisation\"}]}}")));
    w.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("CodePipeline_20150709.ListActionExecutions"))
        .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"actionExecutionDetails\":[]}")));
    w.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody("<PublishResponse><PublishResult><MessageId>m-1</MessageId>"
            + "</PublishResult></PublishResponse>")));
    w.stubFor(post(urlEqualTo("/slack/api/chat.postMessage")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":true,\"channel\":\"C0PAYMENTS1\",\"ts\":\"1763633392.000100\"}")));
    w.stubFor(post(urlEqualTo("/slack/api/chat.update")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":true,\"channel\":\"C0PAYMENTS1\",\"ts\":\"1763633392.000100\"}")));
  }
}
