import dev.baton.aws.dynamodb.BatonTable;
import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.aws.dynamodb.DynamoHistoryStore;
import dev.baton.core.history.Dora;
import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.history.HistoryMetrics;
import dev.baton.core.history.HistoryRecorder;
import dev.baton.core.json.Json;
import dev.baton.core.pipeline.ActionExecutionEvent;
import dev.baton.core.pipeline.ActionType;
import dev.baton.core.pipeline.EventHeader;
import dev.baton.core.pipeline.ExecutionResult;
import dev.baton.core.pipeline.ExecutionState;
import dev.baton.core.pipeline.ExecutionTrigger;
import dev.baton.core.pipeline.GitCommit;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.core.pipeline.PipelineExecutionEvent;
import dev.baton.core.pipeline.StageExecutionEvent;
import dev.baton.local.Dynalite;
import dev.baton.local.PipelineStories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Reader latency with N recorded executions; see history-reader.sh. */
public class HistoryReaderBench {
  static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");
  static final int PIPELINES = 10;
  static final String TABLE = "baton-bench";

  public static void main(String[] args) throws Exception {
    int executions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    try (Dynalite dynalite = Dynalite.start();
         DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(dynalite.endpoint()).region(Region.EU_WEST_1)
             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
             .httpClient(UrlConnectionHttpClient.builder().build()).build()) {
      BatonTable.create(dynamo, TABLE);
      HistoryRecorder recorder = new HistoryRecorder(new DynamoHistoryStore(dynamo, TABLE), HistoryMetrics.NONE,
          Optional.empty());
      long t0 = System.nanoTime();
      int events = populate(recorder, executions);
      PipelineStories.all(NOW.minus(Duration.ofDays(1))).values().forEach(s -> s.forEach(e ->
          recorder.record(PipelineEvents.parse(Json.parseObject(e)))));
      System.out.printf("recorded %d executions of %d pipelines over 90 days (%d events through the recorder, "
          + "%.0f s), plus the 6 full stories of payments-deploy%n%n", executions, PIPELINES, events,
          (System.nanoTime() - t0) / 1e9);

      DynamoHistoryReader reader = new DynamoHistoryReader(dynamo, TABLE);
      String retried = "b7c3e9a1-4d2f-4e86-8a15-3f9d6c2b7e40";
      System.out.println("in-process, warm (3 warm-up calls, then 20 timed), dynalite on loopback:");
      time("history --pipeline svc-03-deploy (newest 20)", reader, () -> reader.recent("svc-03-deploy", 20).size());
      time("history (newest 20 of all pipelines)", reader, () -> reader.recent(20).size());
      time("history show <id> --pipeline payments-deploy", reader,
          () -> reader.detail("payments-deploy", retried).orElseThrow().actions().size());
      time("history show <id> (pipeline unknown)", reader, () -> reader.find(retried).orElseThrow().actions().size());
      time("dora --pipeline svc-03-deploy --days 30", reader, () -> dora(reader, List.of("svc-03-deploy")));
      time("dora --days 30 (all pipelines)", reader, () -> dora(reader, reader.pipelines()));
      time("dora --days 90 (all pipelines)", reader, () -> dora(reader, reader.pipelines(), 90));

      System.out.println();
      System.out.println("the commands as a user runs them (new JVM each: java -cp cli/target/classes:cli/target/lib/* "
          + "dev.baton.cli.Baton ... --endpoint-url <dynalite>), median of 3 wall-clock runs:");
      String endpoint = dynalite.endpoint().toString();
      cli("history --pipeline svc-03-deploy", endpoint, "history", "--pipeline", "svc-03-deploy");
      cli("history", endpoint, "history");
      cli("history show <id>", endpoint, "history", "show", retried);
      cli("dora --days 30", endpoint, "dora", "--days", "30", "--until", NOW.toString());
      cli("--version (JVM + picocli only, baseline)", endpoint, "--version");
    }
  }

  static int dora(DynamoHistoryReader reader, List<String> pipelines) {
    return dora(reader, pipelines, 30);
  }

  static int dora(DynamoHistoryReader reader, List<String> pipelines, int days) {
    Instant from = NOW.minus(Duration.ofDays(days));
    List<ExecutionRecord> all = new ArrayList<>();
    Map<String, Instant> released = new HashMap<>();
    for (String p : pipelines) {
      List<ExecutionRecord> list = reader.startedBetween(p, from.minus(Duration.ofDays(14)), NOW);
      all.addAll(list);
      List<String> ids = list.stream().filter(e -> e.commit().isEmpty() && e.finished())
          .map(ExecutionRecord::executionId).toList();
      if (!ids.isEmpty()) {
        released.putAll(reader.releasedAt(p, ids));
      }
    }
    return Dora.compute(all, released, from, NOW).overall().deployments() >= 0 ? all.size() : -1;
  }

  static void time(String what, DynamoHistoryReader reader, Supplier<Integer> query) {
    for (int i = 0; i < 3; i++) {
      query.get();
    }
    long[] nanos = new long[20];
    int requests = 0;
    int items = 0;
    for (int i = 0; i < nanos.length; i++) {
      int before = reader.requests();
      long t0 = System.nanoTime();
      items = query.get();
      nanos[i] = System.nanoTime() - t0;
      requests = reader.requests() - before;
    }
    Arrays.sort(nanos);
    System.out.printf("  %-48s median %8.1f ms  max %8.1f ms  %4d requests  %5d records%n", what,
        (nanos[9] + nanos[10]) / 2e6, nanos[19] / 1e6, requests, items);
  }

  static void cli(String what, String endpoint, String... args) throws Exception {
    long[] nanos = new long[3];
    for (int i = 0; i < nanos.length; i++) {
      List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-cp",
          System.getProperty("java.class.path"), "dev.baton.cli.Baton"));
      command.addAll(List.of(args));
      if (!args[0].startsWith("--")) {
        command.addAll(List.of("--table", TABLE, "--endpoint-url", endpoint));
      }
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed");
      }
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.printf("  baton %-42s median %6.0f ms  (runs %s ms)%n", what, nanos[1] / 1e6,
        Arrays.toString(Arrays.stream(nanos).map(n -> n / 1_000_000).toArray()));
  }

  /** Pipeline-level events (and the failing action and stage) of {@code n} executions, recorded by 6 threads. */
  static int populate(HistoryRecorder recorder, int n) throws Exception {
    Random random = new Random(1);
    List<PipelineEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String pipeline = String.format("svc-%02d-deploy", i % PIPELINES);
      String id = new UUID(random.nextLong(), random.nextLong()).toString();
      Instant start = NOW.minus(Duration.ofMinutes(random.nextInt(90 * 24 * 60)));
      Instant end = start.plus(Duration.ofSeconds(300 + random.nextInt(2100)));
      double roll = random.nextDouble();
      ExecutionState outcome = roll < 0.75 ? ExecutionState.SUCCEEDED : roll < 0.90 ? ExecutionState.FAILED
          : roll < 0.95 ? ExecutionState.SUPERSEDED : ExecutionState.STOPPED;
      Optional<GitCommit> commit = random.nextDouble() < 0.4 ? Optional.of(new GitCommit(Long.toHexString(
          random.nextLong()), Optional.of("Change " + i), Optional.of("Dev " + (i % 7)), Optional.empty(),
          Optional.of(start.minus(Duration.ofMinutes(10 + random.nextInt(600)))), Optional.of("main"),
          Optional.empty(), Optional.of("acme/" + pipeline), Optional.of("GitHub"), Optional.empty()))
          : Optional.empty();
      ExecutionTrigger trigger = new ExecutionTrigger(Optional.of(commit.isPresent() ? "WebhookV2"
          : "StartPipelineExecution"), Optional.of("arn:aws:sts::123456789012:assumed-role/Deployer/ci"), commit);
      events.add(new PipelineExecutionEvent(header(pipeline, id, start, start), ExecutionState.STARTED,
          Optional.of(trigger), Optional.empty(), Optional.empty()));
      if (outcome == ExecutionState.FAILED) {
        Instant failedAt = end.minusSeconds(2);
        events.add(new ActionExecutionEvent(header(pipeline, id, start, failedAt), "Build", "Build",
            UUID.nameUUIDFromBytes(id.getBytes()).toString(), ExecutionState.FAILED, Optional.of("eu-west-1"),
            new ActionType("AWS", "CodeBuild", "Build", "1"), new ExecutionResult(
                Optional.of("https://console.aws.amazon.com/codebuild/home?region=eu-west-1#/builds/x:" + id),
                Optional.of("Build terminated with state: FAILED"), Optional.of("x:" + id), Optional.of("JobFailed")),
            List.of(), List.of()));
        events.add(new StageExecutionEvent(header(pipeline, id, start, failedAt.plusSeconds(1)), "Build",
            ExecutionState.FAILED, Optional.empty()));
      }
      events.add(new PipelineExecutionEvent(header(pipeline, id, start, end), outcome,
          commit.isPresent() ? Optional.of(trigger) : Optional.empty(), Optional.empty(), Optional.empty()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (PipelineEvent e : events) {
        futures.add(pool.submit(() -> recorder.record(e)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return events.size();
  }

  static EventHeader header(String pipeline, String id, Instant start, Instant time) {
    return new EventHeader(UUID.randomUUID().toString(), time, "123456789012", "eu-west-1",
        "arn:aws:codepipeline:eu-west-1:123456789012:" + pipeline, pipeline, id, Optional.of(start), 3, 1);
  }

}
