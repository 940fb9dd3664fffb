package dev.baton.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.baton.local.BareHandler;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import dev.baton.local.Repo;
import dev.baton.local.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./baton bench <FunctionLogicalId> -e <event>}: cold start of a packaged function, side by side with a bare
 * handler run the same way in the same run. Each run is a fresh JVM (one Lambda execution environment) from process
 * start to the answer of its first invocation, with a fresh table; runs alternate baseline and function so both
 * see the same machine. Also counts the calls the invocation made (DynamoDB through a counting proxy in front of
 * dynalite, the other APIs on WireMock) and reports the zip size and warm invocation times. With {@code --aot}, every
 * run (baseline and function) starts with a JDK 25 AOT cache trained on one unmeasured run first: a local stand-in
 * for what SnapStart's snapshot saves on Lambda, not a deployment artifact.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure a function's cold start against a bare-handler baseline.")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "the function's logical id in template.yaml")
  String function;

  @Option(names = {"-e", "--event"}, required = true, description = "the event JSON file")
  Path event;

  @Option(names = "--runs", defaultValue = "7", description = "cold starts of each (default ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--warm", defaultValue = "200", description = "warm invocations for p50/p99 (default ${DEFAULT-VALUE})")
  int warm;

  @Option(names = "--vary", description = "a string of the event to replace with a unique value in every "
      + "invocation, so each is new work rather than a duplicate (e.g. the S3 version id)")
  String vary;

  @Option(names = "--env", description = "set or replace an environment variable, NAME=VALUE")
  Map<String, String> env = new java.util.LinkedHashMap<>();

  @Option(names = "--aot", description = "train a JDK 25 AOT cache for the function and the baseline on one "
      + "unmeasured run each (kept in target/aot/), then start every measured run with it: a local stand-in for "
      + "SnapStart's head start")
  boolean aot;

  @Override
  public Integer call() throws Exception {
    String payload = Files.readString(event);
    Path tmp = Files.createTempDirectory("baton-bench-");
    Path hello = BareHandler.zip(tmp);
    try (LocalStack stack = LocalStack.start()) {
      LocalStubs.install(stack.wiremock());
      WireMockServer dynamoProxy = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
          .dynamicPort());
      dynamoProxy.start();
      dynamoProxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(stack.dynamoEndpoint().toString())));
      try {
        Consumer<LocalLambda.Builder> options = aot ? b -> b.aotCache(LocalStack.aotCaches()) : b -> { };
        Supplier<LocalLambda> bare = () -> {
          LocalLambda.Builder b = LocalLambda.builder(hello, BareHandler.HANDLER).functionName("hello");
          options.accept(b);
          return b.start();
        };
        if (aot) {
          train("baseline", bare, payload);
          stack.createTable("Table", "bench-training");
          Map<String, String> training = new java.util.LinkedHashMap<>(env);
          training.put("BATON_TABLE", "bench-training");
          train(function, () -> stack.function(function, training, options),
              vary == null ? payload : payload.replace(vary, vary + "t"));
        }
        List<Double> baseline = new ArrayList<>();
        List<Double> cold = new ArrayList<>();
        List<Double> firstInvoke = new ArrayList<>();
        stack.wiremock().resetRequests();
        dynamoProxy.resetRequests();
        for (int run = 0; run < runs; run++) {
          baseline.add(coldStart(bare, payload, null));
          String table = "bench-" + run;
          stack.createTable("Table", table);
          Map<String, String> overrides = new java.util.LinkedHashMap<>(env);
          overrides.put("BATON_TABLE", table);
          overrides.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamoProxy.port());
          List<Double> first = new ArrayList<>();
          String fresh = vary == null ? payload : payload.replace(vary, vary + "c" + run);
          cold.add(coldStart(() -> stack.function(function, overrides, options), fresh, first));
          firstInvoke.addAll(first);
        }
        Map<String, Integer> calls = new TreeMap<>();
        count(dynamoProxy.getAllServeEvents(), "DynamoDB ", calls);
        count(stack.wiremock().getAllServeEvents(), "", calls);

        String table = "bench-warm";
        stack.createTable("Table", table);
        List<Double> warmTimes = new ArrayList<>();
        try (LocalLambda fn = stack.function(function, Map.of("BATON_TABLE", table), options)) {
          for (int i = 0; i < warm + 20; i++) {
            Invocation inv = fn.invoke(vary == null ? payload : payload.replace(vary, vary + "w" + i));
            if (i >= 20) {
              warmTimes.add(inv.elapsed().toNanos() / 1e6);
            }
          }
        }

        String zip = stack.template().function(function).codeUri();
        System.out.printf("%s, %d cold starts each, alternating; %s, %d cores%s%n", function, runs,
            Runtime.version(), Runtime.getRuntime().availableProcessors(), aot
                ? "; every run started with its JDK AOT cache (local stand-in for SnapStart)" : "");
        System.out.printf("  baseline  (bare handler)  process start -> answer: median %6.0f ms  (min %.0f, max %.0f)%n",
            Stats.median(baseline), min(baseline), max(baseline));
        System.out.printf("  %-24s process start -> answer: median %6.0f ms  (min %.0f, max %.0f)%n", function,
            Stats.median(cold), min(cold), max(cold));
        System.out.printf("  %-24s event handed over -> answer (first invocation): median %6.0f ms%n", "",
            Stats.median(firstInvoke));
        System.out.printf("  difference (function - baseline): %.0f ms%n", Stats.median(cold) - Stats.median(baseline));
        System.out.printf("  warm invocation (event -> answer, incl. local stand-ins), %d runs: p50 %.1f ms, p99 %.1f ms%n",
            warmTimes.size(), Stats.percentile(warmTimes, 50), Stats.percentile(warmTimes, 99));
        System.out.printf("  zip %s: %.1f MiB%n", zip, Files.size(Repo.root().resolve(zip)) / 1048576.0);
        System.out.printf("  calls per cold invocation (mean over %d runs):%n", runs);
        calls.forEach((k, v) -> System.out.printf("    %-50s %.1f%n", k, v / (double) runs));
      } finally {
        dynamoProxy.stop();
      }
    }
    return 0;
  }

  /** One unmeasured run with an AOT cache: trains it when there is none yet (written as the run ends). */
  private static void train(String what, Supplier<LocalLambda> start, String payload) {
    Path cache;
    boolean existed;
    try (LocalLambda fn = start.get()) {
      cache = fn.aotCache().orElseThrow();
      existed = Files.isRegularFile(cache);
      Invocation inv = fn.invoke(payload);
      if (inv.failed()) {
        throw new IllegalStateException("the training invocation of " + what + " failed: " + inv + "\n" + fn.log());
      }
    }
    if (!Files.isRegularFile(cache)) {
      throw new IllegalStateException("the training run of " + what + " wrote no AOT cache at " + cache);
    }
    System.out.printf("  AOT cache of %s: %s (%s, %.0f MiB)%n", what, Repo.root().relativize(cache),
        existed ? "trained before" : "trained now", size(cache) / 1048576.0);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static double coldStart(Supplier<LocalLambda> start, String payload, List<Double> firstInvoke) {
    long t0 = System.nanoTime();
    try (LocalLambda fn = start.get()) {
      Invocation inv = fn.invoke(payload);
      double total = (System.nanoTime() - t0) / 1e6;
      if (inv.failed()) {
        throw new IllegalStateException("the invocation failed: " + inv + "\n" + fn.log());
      }
      if (firstInvoke != null) {
        firstInvoke.add(inv.elapsed().toNanos() / 1e6);
      }
      return total;
    }
  }

  private static void count(List<ServeEvent> events, String prefix, Map<String, Integer> calls) {
    for (ServeEvent e : events) {
      String target = e.getRequest().getHeader("X-Amz-Target");
      String name = target != null ? prefix + target.substring(target.indexOf('.') + 1)
          : e.getRequest().getMethod() + " " + e.getRequest().getUrl();
      calls.merge(name, 1, Integer::sum);
    }
  }

  private static double min(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
