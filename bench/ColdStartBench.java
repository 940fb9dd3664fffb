import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import dev.baton.local.Repo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Cold start: a fresh execution environment (new JVM under the runtime interface client, task root unpacked from the
 * zip) until the answer to its first event. Baseline: a bare RequestStreamHandler that echoes its input, zipped the
 * same way. Function: the packaged pipeline-history zip with template.yaml's handler and environment, first event
 * events/codepipeline-pipeline-started.json (static init: DynamoDB client; then two UpdateItems on dynalite).
 * No SnapStart or CRaC here: the priming hook does not run locally.
 */
public class ColdStartBench {
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path bare = bareHandlerZip();
    String event = Files.readString(Repo.root().resolve("events/codepipeline-pipeline-started.json"));
    List<Long> baseline = new ArrayList<>();
    List<Long> function = new ArrayList<>();
    try (LocalStack stack = LocalStack.start()) {
      for (int i = 0; i < runs + 1; i++) {
        long t0 = System.nanoTime();
        try (LocalLambda fn = LocalLambda.builder(bare, "bench.Bare::handleRequest").functionName("bare").start()) {
          check(fn.invoke("{}"));
          long t = System.nanoTime() - t0;
          if (i > 0) {
            baseline.add(t);
          }
        }
        String table = "cold" + i;
        stack.createTable("Table", table);
        t0 = System.nanoTime();
        LocalLambda fn = stack.function("PipelineHistoryFunction", Map.of("BATON_TABLE", table));
        check(fn.invoke(event));
        long t = System.nanoTime() - t0;
        Invocation warm = fn.invoke(event);
        check(warm);
        if (i > 0) {
          function.add(t);
        }
        fn.close();
      }
    }
    System.out.println("cold start, process start to first answer, " + runs + " runs each after one discarded, "
        + "alternating (JDK " + Runtime.version().feature() + ", -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto):");
    System.out.println("  bare handler (echo)                   " + stats(baseline));
    System.out.println("  pipeline-history zip, first event      " + stats(function));
    System.out.printf("  difference of medians: %d ms%n", (median(function) - median(baseline)) / 1_000_000);
    Path zip = Repo.root().resolve("functions/pipeline-history/target/pipeline-history.zip");
    List<Long> unpack = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Path dir = Files.createTempDirectory("unpack");
      try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
          Path target = dir.resolve(e.getName());
          if (!e.isDirectory()) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
          }
        }
      }
      unpack.add(System.nanoTime() - t0);
    }
    System.out.printf("  of which unpacking the %.1f MB zip into the task root (done at deploy time on Lambda): "
        + "median %d ms%n", Files.size(zip) / 1e6, median(unpack) / 1_000_000);
  }

  private static void check(Invocation r) {
    if (r.failed()) {
      throw new IllegalStateException(r.toString());
    }
  }

  private static String stats(List<Long> nanos) {
    long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return String.format("median %4d ms  (runs: %s ms)", median(nanos) / 1_000_000,
        Arrays.toString(nanos.stream().mapToLong(n -> n / 1_000_000).toArray()));
  }

  private static long median(List<Long> nanos) {
    long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** bench.Bare, compiled against aws-lambda-java-core and zipped like a function (classes at the root). */
  private static Path bareHandlerZip() throws IOException {
    Path dir = Files.createTempDirectory("bare-handler");
    Path src = dir.resolve("bench/Bare.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, """
        package bench;

        import com.amazonaws.services.lambda.runtime.Context;
        import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
        import java.io.IOException;
        import java.io.InputStream;
        import java.io.OutputStream;

        public final class Bare implements RequestStreamHandler {
          @Override
          public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            in.transferTo(out);
          }
        }
        """);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac.run(null, null, null, "--release", "21", "-cp", System.getProperty("java.class.path"), "-d",
        dir.toString(), src.toString()) != 0) {
      throw new IllegalStateException("could not compile the bare handler");
    }
    Path zip = dir.resolve("bare.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("bench/Bare.class"));
      Files.copy(dir.resolve("bench/Bare.class"), out);
      out.closeEntry();
      Path core = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        if (entry.contains("aws-lambda-java-core")) {
          core = Path.of(entry);
        }
      }
      out.putNextEntry(new ZipEntry("lib/" + core.getFileName()));
      Files.copy(core, out);
      out.closeEntry();
    }
    return zip;
  }
}
