import dev.baton.aws.cloudwatch.EmfHistoryMetrics;
import dev.baton.aws.dynamodb.DynamoHistoryStore;
import dev.baton.core.history.HistoryRecorder;
import dev.baton.core.history.HistoryRecorder.Recorded;
import dev.baton.core.json.Json;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import dev.baton.local.PipelineStories;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Warm per-event handler time; see history-handler.sh. */
public class HistoryHandlerBench {
  private static final int WARMUP_PASSES = 5;
  private static final int PASSES = 20;

  public static void main(String[] args) {
    inProcess();
    packaged();
  }

  /**
   * (a) What handleRequest does (parse, build the updates, one UpdateItem per item through the real SDK: marshal,
   * sign, unmarshal; EMF line) with an SdkHttpClient that answers every UpdateItem at once with 200 {}: the handler's
   * time without the network or DynamoDB. Every write is accepted, so this is the in-order path.
   */
  static void inProcess() {
    DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.EU_WEST_1).httpClient(new InstantDynamo())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
    HistoryRecorder recorder = new HistoryRecorder(new DynamoHistoryStore(dynamo, "bench"),
        new EmfHistoryMetrics(new PrintStream(OutputStream.nullOutputStream()), "Baton", Clock.systemUTC()),
        Optional.of(Duration.ofDays(400)));
    List<String> events = new ArrayList<>();
    PipelineStories.all(Instant.parse("2026-11-20T09:00:00.250Z")).values().forEach(events::addAll);
    Map<String, List<Long>> byLevel = new TreeMap<>();
    for (int pass = 0; pass < WARMUP_PASSES + PASSES; pass++) {
      for (String json : events) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        PipelineEvent e = PipelineEvents.parse(Json.parseObject(new ByteArrayInputStream(bytes)));
        Recorded r = recorder.record(e);
        Json.write(Map.of("recorded", Map.of("executionId", e.executionId(), "state", e.state().name(),
            "advanced", r.advanced(), "writes", r.writes())));
        long t = System.nanoTime() - t0;
        if (pass >= WARMUP_PASSES) {
          byLevel.computeIfAbsent(e.level().name(), k -> new ArrayList<>()).add(t);
          byLevel.computeIfAbsent("all", k -> new ArrayList<>()).add(t);
        }
      }
    }
    System.out.println("(a) handler work per event, DynamoDB answered in-process (no network), C1 only, "
        + PASSES + " passes over " + events.size() + " events after " + WARMUP_PASSES + " warm-up passes:");
    byLevel.forEach((level, times) -> System.out.println("    " + stats(level, times)));
  }

  /** (b) The packaged zip through the runtime interface client: invocation round trip per event on dynalite. */
  static void packaged() {
    try (LocalStack stack = LocalStack.start()) {
      LocalLambda fn = stack.function("PipelineHistoryFunction");
      Map<String, List<Long>> byLevel = new TreeMap<>();
      Instant base = Instant.parse("2026-11-20T09:00:00.250Z");
      for (int pass = 0; pass < 1 + 5; pass++) {
        List<String> events = new ArrayList<>();
        events.addAll(PipelineStories.success(UUID.randomUUID().toString(), base));
        events.addAll(PipelineStories.failure(UUID.randomUUID().toString(), base));
        events.addAll(PipelineStories.retryThenSuccess(UUID.randomUUID().toString(), base));
        events.addAll(PipelineStories.approvalRejected(UUID.randomUUID().toString(), base));
        for (String json : events) {
          Invocation r = fn.invoke(json);
          if (r.failed()) {
            throw new IllegalStateException(r.toString());
          }
          if (pass > 0) {
            String level = json.contains("Pipeline Execution") ? "PIPELINE" : json.contains("Stage Execution")
                ? "STAGE" : "ACTION";
            byLevel.computeIfAbsent(level, k -> new ArrayList<>()).add(r.elapsed().toNanos());
            byLevel.computeIfAbsent("all", k -> new ArrayList<>()).add(r.elapsed().toNanos());
          }
        }
      }
      System.out.println("(b) packaged zip, warm, invoke round trip per event (Runtime API + handler + dynalite), "
          + "5 passes after 1 warm-up pass:");
      byLevel.forEach((level, times) -> System.out.println("    " + stats(level, times)));
    }
  }

  static String stats(String name, List<Long> nanos) {
    long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return String.format("%-9s n=%5d  median %7.3f ms  p99 %7.3f ms  max %7.3f ms", name, s.length,
        s[s.length / 2] / 1e6, s[(int) Math.ceil(0.99 * s.length) - 1] / 1e6, s[s.length - 1] / 1e6);
  }

  /** Answers every request with 200 and an empty JSON object, in-process. */
  static final class InstantDynamo implements SdkHttpClient {
    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          request.contentStreamProvider().ifPresent(p -> {
            try (var in = p.newStream()) {
              in.transferTo(OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          return HttpExecuteResponse.builder()
              .response(SdkHttpResponse.builder().statusCode(200)
                  .putHeader("Content-Type", "application/x-amz-json-1.0")
                  .putHeader("Content-Length", "2").build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
        }

        @Override
        public void abort() {
        }
      };
    }

    @Override
    public void close() {
    }
  }
}
