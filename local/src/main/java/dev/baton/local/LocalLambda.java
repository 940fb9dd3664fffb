package dev.baton.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Runs a packaged function zip the way AWS Lambda's Java runtime does, without Docker: the zip is unpacked into a
 * task root, a fresh JVM runs the AWS Lambda Java runtime interface client with the handler name, and this class
 * serves the Lambda Runtime API (next invocation, response, error, init error) on a loopback port. One process
 * serves invocations one at a time, like one Lambda execution environment; the first invocation is the cold one.
 */
public final class LocalLambda implements AutoCloseable {
  private static final String API = "/2018-06-01/runtime";

  private final String functionName;
  private final HttpServer server;
  private final Process process;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
  private final StringBuffer log = new StringBuffer();
  private final CompletableFuture<String> initError = new CompletableFuture<>();
  private final boolean snapStart;
  /** Completed when the runtime asks to be restored: init and the {@code beforeCheckpoint} hooks have run. */
  private final CompletableFuture<Long> snapshotTaken = new CompletableFuture<>();
  /** Completed by the first invocation: Lambda restores a snapshot when a request needs an environment. */
  private final CompletableFuture<Void> restoreWanted = new CompletableFuture<>();
  private final Path taskRoot;
  private final AotCache aot;
  private final Thread pump;

  private record Pending(String requestId, byte[] event, long startNanos, CompletableFuture<Invocation> result) {}

  private LocalLambda(Builder b) throws IOException {
    this.functionName = b.functionName;
    this.snapStart = b.snapStart;
    this.taskRoot = unzip(b.zip);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(API, this::handle);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "local-lambda-api-" + b.functionName);
      t.setDaemon(true);
      return t;
    }));
    server.start();

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> flags = new ArrayList<>(jvmFlags(b.snapStart, b.memoryMb));
    if (b.aotDir != null) {
      flags.remove("-Xshare:auto"); // the default; a training run (-XX:AOTCacheOutput) refuses it spelt out
    }
    command.addAll(flags);
    command.add("-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI="
        + RuntimeClasspath.jniLibrary());
    String classpath = RuntimeClasspath.get();
    this.aot = b.aotDir == null ? null : AotCache.of(b.aotDir, b.zip, flags, classpath);
    if (aot != null) {
      command.addAll(aot.jvmOptions());
      classpath += java.io.File.pathSeparator + aot.classpath();
    }
    command.addAll(b.jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
    command.add(b.handler);
    // The runtime client loads the function from its working directory (/var/task on Lambda).
    ProcessBuilder pb = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("BATON_") || k.startsWith("SLACK_"));
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("_HANDLER", b.handler);
    env.put("AWS_LAMBDA_FUNCTION_NAME", b.functionName);
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(b.memoryMb));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + b.functionName);
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", b.snapStart ? "snap-start" : "on-demand");
    env.put("AWS_REGION", b.region);
    env.put("AWS_DEFAULT_REGION", b.region);
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_SESSION_TOKEN", "local");
    env.put("TZ", "UTC");
    env.putAll(b.environment);
    this.process = pb.start();
    this.pump = new Thread(() -> pump(process.getInputStream(), b.echo), "local-lambda-log-" + b.functionName);
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * The flags Lambda's java25 runtime starts the JVM with that matter for start-up. On demand, tiered compilation
   * stops at C1 (level 1), for the shortest cold start; a SnapStart version (and provisioned concurrency) gets the
   * JVM's default tiered compilation, C2 included, because there the compiling happens during init and priming,
   * before any request ("Customize Java runtime startup behavior", Lambda Developer Guide).
   */
  static List<String> jvmFlags(boolean snapStart, int memoryMb) {
    List<String> flags = new ArrayList<>(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true", "--enable-native-access=ALL-UNNAMED",
        "-Xmx" + memoryMb * 85 / 100 + "m", "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"));
    if (snapStart) {
      flags.remove("-XX:TieredStopAtLevel=1");
    }
    return flags;
  }

  public static Builder builder(Path zip, String handler) {
    return new Builder(zip, handler);
  }

  /**
   * With {@link Builder#snapStart}: waits until the function is initialised and its {@code beforeCheckpoint} hooks
   * have run (the runtime then asks to be restored, which the first invocation grants). Returns the nanoTime of that.
   */
  public long awaitSnapshot(Duration timeout) {
    if (!snapStart) {
      throw new IllegalStateException(functionName + " does not run as a SnapStart function");
    }
    try {
      return raced(snapshotTaken, Long.class, "before its snapshot", timeout);
    } catch (TimeoutException e) {
      throw new IllegalStateException(functionName + " took no snapshot within " + timeout + "; its output:\n"
          + log(), e);
    }
  }

  /** Hands one event to the function and waits for its answer (or its error). */
  public Invocation invoke(byte[] event, Duration timeout) {
    restoreWanted.complete(null);
    Pending p = new Pending(UUID.randomUUID().toString(), event, System.nanoTime(), new CompletableFuture<>());
    queue.add(p);
    try {
      return raced(p.result, Invocation.class, "before answering", timeout);
    } catch (TimeoutException e) {
      queue.remove(p);
      throw new IllegalStateException(functionName + " gave no answer within " + timeout + (process.isAlive()
          ? "" : " (process exited with " + process.exitValue() + ")") + "; its output:\n" + log(), e);
    }
  }

  /** {@code result}, unless the function fails to initialise or its JVM exits first (then that is thrown). */
  private <T> T raced(CompletableFuture<T> result, Class<T> type, String when, Duration timeout)
      throws TimeoutException {
    try {
      return CompletableFuture.anyOf(result, initError.thenApply(msg -> {
        throw new IllegalStateException(functionName + " failed to initialise: " + msg + "\n" + log());
      }), process.onExit().thenApply(exited -> {
        throw new IllegalStateException(functionName + "'s JVM exited with " + exited.exitValue()
            + " " + when + "; its output:\n" + logAfterExit());
      })).thenApply(type::cast).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
  }

  public Invocation invoke(String event) {
    return invoke(event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));
  }

  private String logAfterExit() {
    try {
      pump.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return log();
  }

  /** Everything the function wrote to stdout and stderr so far (what CloudWatch Logs would hold). */
  public String log() {
    return log.toString();
  }

  public Path taskRoot() {
    return taskRoot;
  }

  /** CPU time the function's JVM has used so far, all threads (what Lambda would bill as busy time is close to it). */
  public Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
        "the operating system does not report the CPU time of process " + process.pid()));
  }

  /** The AOT cache this run uses, or (a training run) writes when it ends; empty without {@link Builder#aotCache}. */
  public Optional<Path> aotCache() {
    return Optional.ofNullable(aot).map(AotCache::file);
  }

  /**
   * Stops the function's JVM (SIGTERM, as Lambda does when it shuts an environment down). A training run writes its
   * AOT cache as it exits, which can take a while on a busy machine: it is given up to two minutes for that.
   */
  @Override
  public void close() {
    boolean training = aot != null && !aot.trained();
    restoreWanted.complete(null);   // a runtime still waiting to be restored is let go
    // SIGTERM through the handle: Process.destroy() would also close the pipes, and a JVM writing its AOT cache
    // at exit, or the child JVM it starts for that, dies on the closed output.
    process.toHandle().destroy();
    try {
      if (!process.waitFor(training ? 120 : 5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(0);
    if (aot != null) {
      aot.afterExit();
    }
    deleteTree(taskRoot);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath().substring(API.length());
    byte[] body = ex.getRequestBody().readAllBytes();
    try {
      if (path.equals("/invocation/next") && ex.getRequestMethod().equals("GET")) {
        Pending p = queue.take();
        inFlight.put(p.requestId, p);
        ex.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", p.requestId);
        ex.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 900_000));
        ex.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
            "arn:aws:lambda:eu-west-1:123456789012:function:" + functionName);
        ex.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        ex.getResponseHeaders().add("Content-Type", "application/json");
        send(ex, 200, p.event);
      } else if (path.startsWith("/invocation/") && path.endsWith("/response")) {
        complete(ex, path, body, null);
      } else if (path.startsWith("/invocation/") && path.endsWith("/error")) {
        String type = ex.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        complete(ex, path, body, type == null ? "Unhandled" : type);
      } else if (path.equals("/restore/next") && ex.getRequestMethod().equals("GET")) {
        snapshotTaken.complete(System.nanoTime());
        restoreWanted.join();
        send(ex, 200, new byte[0]);
      } else if (path.equals("/init/error") || path.equals("/restore/error")) {
        initError.complete(new String(body, StandardCharsets.UTF_8));
        send(ex, 202, "{}".getBytes(StandardCharsets.UTF_8));
      } else {
        send(ex, 404, ("{\"errorMessage\":\"unknown path " + path + "\"}").getBytes(StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(ex, 500, new byte[0]);
    }
  }

  private void complete(HttpExchange ex, String path, byte[] body, String errorType) throws IOException {
    String id = path.substring("/invocation/".length(), path.lastIndexOf('/'));
    Pending p = inFlight.remove(id);
    if (p == null) {
      send(ex, 400, "{\"errorMessage\":\"unknown request id\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    send(ex, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    p.result.complete(new Invocation(id, body, errorType, Duration.ofNanos(System.nanoTime() - p.startNanos)));
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private void pump(InputStream in, boolean echo) {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        String s = new String(buf, 0, n, StandardCharsets.UTF_8);
        log.append(s);
        if (echo) {
          System.err.print(s);
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private static Path unzip(Path zip) throws IOException {
    Path root = Files.createTempDirectory("baton-task-");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path target = root.resolve(e.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("zip entry outside the task root: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return root;
  }

  static void deleteTree(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp files; best effort
    }
  }

  /** Options for one local function. */
  public static final class Builder {
    private final Path zip;
    private final String handler;
    private String functionName = "baton-local";
    private String region = "eu-west-1";
    private int memoryMb = 1024;
    private boolean echo = Boolean.getBoolean("baton.echo");
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Path aotDir;
    private boolean snapStart;

    private Builder(Path zip, String handler) {
      this.zip = zip;
      this.handler = handler;
    }

    public Builder functionName(String name) {
      this.functionName = name;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder memoryMb(int mb) {
      this.memoryMb = mb;
      return this;
    }

    public Builder environment(Map<String, String> env) {
      this.environment.putAll(env);
      return this;
    }

    public Builder env(String name, String value) {
      this.environment.put(name, value);
      return this;
    }

    public Builder jvmOption(String option) {
      this.jvmOptions.add(option);
      return this;
    }

    /**
     * Runs with a JDK 25 AOT cache for this zip kept under {@code dir} ({@link AotCache}): the first run trains it
     * (the cache is written when that run ends), the runs after it start with it. A local stand-in for SnapStart's
     * head start, never a deployment artifact.
     */
    public Builder aotCache(Path dir) {
      this.aotDir = dir;
      return this;
    }

    /**
     * Runs the function as Lambda runs a SnapStart version, minus the memory snapshot itself:
     * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}, so the runtime client runs the CRaC {@code beforeCheckpoint}
     * hooks after init, then asks the Runtime API to be restored; that is granted when the first event is handed over
     * (as Lambda restores a snapshot when a request needs an environment), and the {@code afterRestore} hooks run
     * before the event. {@link #awaitSnapshot} waits for the point where Lambda would take the snapshot.
     */
    public Builder snapStart(boolean on) {
      this.snapStart = on;
      return this;
    }

    /** Copies the function's output to this process's stderr as it comes. */
    public Builder echo(boolean echo) {
      this.echo = echo;
      return this;
    }

    public LocalLambda start() {
      try {
        return new LocalLambda(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
