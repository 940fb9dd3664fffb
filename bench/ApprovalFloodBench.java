import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.baton.local.BareHandler;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import dev.baton.local.Repo;
import dev.baton.local.Stats;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A flood of forged requests at one warm approval callback, as packaged, under the Lambda runtime interface client:
 * for a bounded time per run, requests one after another (one execution environment serves one at a time), cycling
 * through unsigned, mis-signed (another secret), stale (signed 10 minutes ago) and tampered (body changed after
 * signing) clicks. Per run: refusals per second, the function's CPU per refusal (its JVM's CPU time), p50/p99 of
 * each answer; medians over the runs. The bare handler under the same runtime client, fed the same way, is the
 * baseline (the local runtime hop itself). Every answer must be a 401, and the stand-ins must see no DynamoDB (a
 * counting proxy in front of dynalite), CodePipeline, Slack or Lambda request.
 */
public class ApprovalFloodBench {
  static final String SECRET = "bench-signing-secret-0123456789ab";

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    Duration each = Duration.ofSeconds(Long.parseLong(args[1]));
    List<String> forged = forged();
    try (LocalStack stack = LocalStack.start()) {
      WireMockServer dynamo = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
          .dynamicPort());
      dynamo.start();
      dynamo.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(stack.dynamoEndpoint().toString())));
      stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
          .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1").withBody(
              "{\"Name\":\"baton/slack\",\"SecretString\":\"{\\\"signingSecret\\\":\\\"" + SECRET
                  + "\\\",\\\"botToken\\\":\\\"xoxb-bench\\\"}\"}")));
      stack.createTable("Table", "bench-flood");
      LocalLambda callback = stack.function("ApprovalCallbackFunction", Map.of("BATON_TABLE", "bench-flood",
          "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamo.port()));
      Path bareZip = BareHandler.zip(Files.createTempDirectory("bare-handler"));
      try (LocalLambda bare = LocalLambda.builder(bareZip, BareHandler.HANDLER).memoryMb(1024).start()) {
        for (int i = 0; i < 2000; i++) {   // warm-up: JIT, the secret read once (a mis-signed request needs it)
          expect401(callback.invoke(forged.get(i % forged.size())));
          bare.invoke(forged.get(i % forged.size()));
        }
        stack.wiremock().resetRequests();
        dynamo.resetRequests();

        List<Run> flood = new ArrayList<>();
        List<Run> baseline = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
          flood.add(run(callback, forged, each, true));
          baseline.add(run(bare, forged, each, false));
        }
        int outbound = stack.wiremock().getAllServeEvents().size();
        int dynamoRequests = dynamo.getAllServeEvents().size();
        long logBytes = callback.log().length();

        System.out.println("approval callback under a flood of forged requests, one warm environment, " + runs
            + " runs of " + each.toSeconds() + " s (requests one after another):");
        print("callback (401 each)", flood);
        print("bare handler baseline", baseline);
        System.out.printf("Baton's own cost per refusal (callback - baseline, medians): %.3f ms wall, %.3f ms CPU%n",
            median(flood, Run::p50Ms) - median(baseline, Run::p50Ms), median(flood, Run::cpuMsEach)
                - median(baseline, Run::cpuMsEach));
        System.out.println("calls during the flood: DynamoDB " + dynamoRequests + ", CodePipeline/Slack/Lambda/"
            + "Secrets Manager " + outbound + " (after warm-up)");
        long total = flood.stream().mapToLong(Run::count).sum() + 2000;
        System.out.printf("log written: %d bytes for %d refusals (%.1f bytes each: refusals beyond 20 a minute are"
            + " summed up, not logged one by one)%n", logBytes, total, (double) logBytes / total);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
            + System.getProperty("java.vm.name") + " " + Runtime.version());
        if (outbound != 0 || dynamoRequests != 0) {
          throw new IllegalStateException("a forged request reached DynamoDB or another service");
        }
      } finally {
        dynamo.stop();
      }
    }
  }

  record Run(long count, double seconds, double cpuMs, double p50Ms, double p99Ms) {
    double perSecond() {
      return count / seconds;
    }

    double cpuMsEach() {
      return cpuMs / count;
    }
  }

  static Run run(LocalLambda fn, List<String> requests, Duration each, boolean check) {
    List<Long> micros = new ArrayList<>();
    Duration cpuBefore = fn.cpuTime();
    long start = System.nanoTime();
    long end = start + each.toNanos();
    int i = 0;
    while (System.nanoTime() < end) {
      Invocation answer = fn.invoke(requests.get(i++ % requests.size()));
      if (check) {
        expect401(answer);
      }
      micros.add(answer.elapsed().toNanos() / 1000);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMs = fn.cpuTime().minus(cpuBefore).toNanos() / 1e6;
    return new Run(micros.size(), seconds, cpuMs, Stats.percentile(micros, 50) / 1000.0,
        Stats.percentile(micros, 99) / 1000.0);
  }

  static void expect401(Invocation answer) {
    if (answer.failed() || !answer.bodyText().contains("\"statusCode\":401")) {
      throw new IllegalStateException("a forged request was not refused with 401: " + answer);
    }
  }

  static void print(String name, List<Run> runs) {
    System.out.println("  " + name + ":");
    System.out.printf("    requests/s per run:   %s  median %.0f%n", runs.stream().map(r -> String.format("%.0f",
        r.perSecond())).toList(), median(runs, Run::perSecond));
    System.out.printf("    CPU ms per request:   median %.3f%n", median(runs, Run::cpuMsEach));
    System.out.printf("    answer p50 / p99 ms:  median %.3f / %.3f%n", median(runs, Run::p50Ms),
        median(runs, Run::p99Ms));
  }

  static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    return Stats.median(runs.stream().map(r -> f.applyAsDouble(r)).toList());
  }

  /** Four kinds of forged click, each a Function URL event as Slack's would be. */
  static List<String> forged() throws Exception {
    String payload = Files.readString(Repo.root().resolve("events/slack-block-actions-approve.json"));
    byte[] body = ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("U0ALICE", "U0MALLO")
        .getBytes(StandardCharsets.UTF_8);
    String envelope = Files.readString(Repo.root().resolve("events/function-url-slack-interaction.json"));
    // Refreshed timestamps would be needed for runs over 5 minutes: each run is far shorter.
    long now = Instant.now().getEpochSecond();
    return List.of(
        event(envelope, body, null, null),
        event(envelope, body, Long.toString(now), sign("another-apps-secret-0000000000000", now, body)),
        event(envelope, body, Long.toString(now - 600), sign(SECRET, now - 600, body)),
        event(envelope, tampered, Long.toString(now), sign(SECRET, now, body)));
  }

  static String event(String envelope, byte[] body, String ts, String sig) {
    String e = envelope.replaceFirst("\"body\": \"[^\"]+\"", "\"body\": \"" + Base64.getEncoder().encodeToString(body)
        + "\"");
    e = ts == null ? e.replaceFirst("\"x-slack-request-timestamp\": \"\\d+\",", "")
        : e.replaceFirst("\"x-slack-request-timestamp\": \"\\d+\"", "\"x-slack-request-timestamp\": \"" + ts + "\"");
    return sig == null ? e.replaceFirst("\"x-slack-signature\": \"v0=[0-9a-f]+\",?", "")
        : e.replaceFirst("\"x-slack-signature\": \"v0=[0-9a-f]+\"", "\"x-slack-signature\": \"" + sig + "\"");
  }

  static String sign(String secret, long ts, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update(("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8));
    return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
  }
}
