import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import dev.baton.local.Stats;
import dev.baton.local.Repo;
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
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The approval callback's cold path as packaged, measured the way Slack experiences it: a fresh JVM under the Lambda
 * runtime interface client gets one signed Approve click; the time runs from handing the event over until the HTTP
 * answer is back (JVM start, runtime client, function init, secret read, verification, conditional UpdateItem,
 * PutApprovalResult, chat.update). The baseline is a bare handler (reads the event, answers 200) under the same runtime
 * client, measured in the same run, interleaved. Then one warm environment takes many clicks: p50 and p99.
 */
public class ApprovalCallbackBench {
  static final String SECRET = "bench-signing-secret-0123456789ab";

  public static void main(String[] args) throws Exception {
    int coldRuns = Integer.parseInt(args[0]);
    int warmClicks = Integer.parseInt(args[1]);
    Path bare = dev.baton.local.BareHandler.zip(Files.createTempDirectory("bare-handler"));
    try (LocalStack stack = LocalStack.start()) {
      stubs(stack);
      List<Long> cold = new ArrayList<>();
      List<Long> baseline = new ArrayList<>();
      for (int run = 0; run < coldRuns; run++) {
        String table = "bench-cold-" + run;
        stack.createTable("Table", table);
        String id = pending(stack, table, run);
        stack.wiremock().resetRequests();
        LocalLambda fn = stack.function("ApprovalCallbackFunction", Map.of("BATON_TABLE", table));
        Invocation click = fn.invoke(click(id).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));
        check(stack, table, id, click, 1);
        cold.add(click.elapsed().toMillis());
        fn.close();

        try (LocalLambda b = LocalLambda.builder(bare, dev.baton.local.BareHandler.HANDLER).memoryMb(1024).start()) {
          baseline.add(b.invoke(click(id).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60)).elapsed().toMillis());
        }
      }

      String table = "bench-warm";
      stack.createTable("Table", table);
      LocalLambda warm = stack.function("ApprovalCallbackFunction", Map.of("BATON_TABLE", table));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < warmClicks + 20; i++) {
        ids.add(pending(stack, table, 1000 + i));
      }
      stack.wiremock().resetRequests();
      List<Long> warmTimes = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        Invocation click = warm.invoke(click(ids.get(i)).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));
        if (i >= 20) {   // the first 20 warm the JIT and connections
          warmTimes.add(click.elapsed().toNanos() / 1000);
        }
      }
      check(stack, table, ids.get(ids.size() - 1), null, warmClicks + 20);

      long coldMedian = (long) Stats.median(cold);
      long baseMedian = (long) Stats.median(baseline);
      System.out.println("approval-callback cold path (fresh JVM -> verified -> recorded -> PutApprovalResult -> "
          + "chat.update -> HTTP answer), " + coldRuns + " runs:");
      System.out.println("  runs (ms):            " + cold);
      System.out.println("  median:               " + coldMedian + " ms");
      System.out.println("bare handler baseline (same runtime client, same run), " + coldRuns + " runs:");
      System.out.println("  runs (ms):            " + baseline);
      System.out.println("  median:               " + baseMedian + " ms");
      System.out.println("  Baton's own cost:     " + (coldMedian - baseMedian) + " ms over the baseline");
      System.out.println("warm, " + warmClicks + " clicks on one environment (full path each):");
      System.out.printf("  p50 %.1f ms, p99 %.1f ms%n", Stats.percentile(warmTimes, 50) / 1000.0, Stats.percentile(warmTimes, 99) / 1000.0);
      System.out.println("Slack's 3-second budget left on the cold path: " + (3000 - coldMedian) + " ms (median)");
      System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
          + System.getProperty("java.vm.name") + " " + Runtime.version());
    }
  }

  /** One PENDING approval, as the request function stores it. */
  static String pending(LocalStack stack, String table, int n) {
    String id = "apv-" + HexFormat.of().formatHex(UUID.randomUUID().toString().replace("-", "").getBytes(
        StandardCharsets.US_ASCII), 0, 16);
    Map<String, AttributeValue> item = new java.util.HashMap<>();
    item.put("pk", AttributeValue.fromS("APPROVAL#" + id));
    item.put("sk", AttributeValue.fromS("APPROVAL"));
    item.put("type", AttributeValue.fromS("approval"));
    item.put("gsi1pk", AttributeValue.fromS("APPROVALS#payments-deploy#Approve#ProductionGate"));
    item.put("gsi1sk", AttributeValue.fromS(Instant.now() + "#" + id));
    item.put("approvalId", AttributeValue.fromS(id));
    item.put("region", AttributeValue.fromS("eu-west-1"));
    item.put("pipeline", AttributeValue.fromS("payments-deploy"));
    item.put("stage", AttributeValue.fromS("Approve"));
    item.put("action", AttributeValue.fromS("ProductionGate"));
    item.put("token", AttributeValue.fromS(UUID.randomUUID().toString()));
    item.put("status", AttributeValue.fromS("PENDING"));
    item.put("requestedAt", AttributeValue.fromS(Instant.now().toString()));
    item.put("executionId", AttributeValue.fromS("exec-" + n));
    item.put("channel", AttributeValue.fromS("C0PAYMENTS"));
    item.put("messageTs", AttributeValue.fromS("1763644361.000100"));
    stack.dynamo().putItem(b -> b.tableName(table).item(item));
    return id;
  }

  static String click(String id) throws Exception {
    // The button claims what pending() seeds: the sample's approval action, and no expiry.
    String payload = Files.readString(Repo.root().resolve("events/slack-block-actions-approve.json"))
        .replace("apv-a62e9b97bb34d306fccb4a12e18250bf", id)
        .replace(",\\\"expires\\\":\\\"2026-11-27T13:12:00Z\\\"", "");
    return signed(("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
  }

  /** A Function URL request (events/function-url-slack-interaction.json) carrying {@code body}, signed as Slack does. */
  static String signed(byte[] body) throws Exception {
    String ts = Long.toString(Instant.now().getEpochSecond());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update(("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8));
    String sig = "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    String envelope = Files.readString(Repo.root().resolve("events/function-url-slack-interaction.json"));
    return envelope.replaceFirst("\"x-slack-request-timestamp\": \"\\d+\"", "\"x-slack-request-timestamp\": \"" + ts + "\"")
        .replaceFirst("\"x-slack-signature\": \"v0=[0-9a-f]+\"", "\"x-slack-signature\": \"" + sig + "\"")
        .replaceFirst("\"body\": \"[^\"]+\"", "\"body\": \"" + Base64.getEncoder().encodeToString(body) + "\"");
  }

  static void check(LocalStack stack, String table, String id, Invocation click, int expectedPuts) {
    if (click != null && (click.failed() || !click.bodyText().contains("\"statusCode\":200"))) {
      throw new IllegalStateException("click failed: " + click);
    }
    String status = stack.dynamo().getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
        "pk", AttributeValue.fromS("APPROVAL#" + id), "sk", AttributeValue.fromS("APPROVAL")))).item().get("status").s();
    int puts = stack.wiremock().findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo("CodePipeline_20150709.PutApprovalResult"))).size();
    if (!status.equals("APPROVED") || puts != expectedPuts) {
      throw new IllegalStateException("expected APPROVED with " + expectedPuts + " PutApprovalResult, got " + status
          + " with " + puts + " (a hand-off means the path did not fit the budget)");
    }
  }

  static void stubs(LocalStack stack) {
    var w = stack.wiremock();
    w.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1").withBody(
            "{\"Name\":\"baton/slack\",\"SecretString\":\"{\\\"signingSecret\\\":\\\"" + SECRET
                + "\\\",\\\"botToken\\\":\\\"xoxb-bench\\\"}\"}")));
    w.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("CodePipeline_20150709.PutApprovalResult"))
        .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"approvedAt\":1763644421.5}")));
    w.stubFor(post(urlEqualTo("/slack/api/chat.update")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"channel\":\"C0PAYMENTS\",\"ts\":\"1.1\"}")));
  }
}
