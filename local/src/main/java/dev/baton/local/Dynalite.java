package dev.baton.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A dynalite server (the DynamoDB API, in memory) on a free loopback port, started from the pinned npm package in
 * the checkout's {@code node_modules} ({@code npm ci} installs it). Close it to stop the process.
 */
public final class Dynalite implements AutoCloseable {
  private final Process process;
  private final int port;

  private Dynalite(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static Dynalite start() {
    Path cli = Repo.root().resolve("node_modules/dynalite/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException(cli + " is missing: run `npm ci` in " + Repo.root());
    }
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = FreePort.pick();
      try {
        Process p = new ProcessBuilder(List.of("node", cli.toString(), "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        if (FreePort.awaitListening(port, Duration.ofSeconds(15), p)) {
          Dynalite d = new Dynalite(p, port);
          Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
          return d;
        }
        p.destroyForcibly();
        last = new IllegalStateException("dynalite did not listen on 127.0.0.1:" + port);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start node (is Node.js installed?)", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw last;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
