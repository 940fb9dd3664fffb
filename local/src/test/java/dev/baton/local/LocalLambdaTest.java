package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLambdaTest {
  @TempDir Path dir;

  @Test
  void givenAZipWithAStreamHandler_whenInvokedTwice_thenBothAnswersComeBackAndErrorsAreReported() throws Exception {
    Path zip = zipOf(EchoHandler.class);

    try (LocalLambda fn = LocalLambda.builder(zip, EchoHandler.class.getName() + "::handleRequest")
        .env("GREETING", "hello").start()) {
      Invocation first = fn.invoke("{\"n\":1}");
      Invocation second = fn.invoke("{\"n\":2}");
      Invocation failure = fn.invoke("fail");

      assertEquals("hello {\"n\":1}", first.bodyText());
      assertEquals("hello {\"n\":2}", second.bodyText());
      assertTrue(failure.failed(), failure::toString);
      assertTrue(failure.bodyText().contains("asked to fail"), failure::bodyText);
    }
  }

  @Test
  void givenAnAotCacheFolder_thenTheFirstRunTrainsTheCacheAsItEnds_andTheNextRunStartsWithItAndAnswers()
      throws Exception {
    Path zip = zipOf(EchoHandler.class);
    Path caches = dir.resolve("aot");
    String handler = EchoHandler.class.getName() + "::handleRequest";

    Path cache;
    try (LocalLambda training = LocalLambda.builder(zip, handler).env("GREETING", "hello").aotCache(caches).start()) {
      assertEquals("hello {\"n\":1}", training.invoke("{\"n\":1}").bodyText());
      cache = training.aotCache().orElseThrow();
      assertFalse(Files.exists(cache), "the cache is written when the training run ends");
    }
    assertTrue(cache.startsWith(caches) && Files.size(cache) > 0, cache::toString);

    try (LocalLambda fn = LocalLambda.builder(zip, handler).env("GREETING", "hi").aotCache(caches)
        .jvmOption("-Xlog:aot=info").start()) {
      assertEquals("hi {\"n\":2}", fn.invoke("{\"n\":2}").bodyText());
      assertEquals(cache, fn.aotCache().orElseThrow());
      assertTrue(fn.log().contains("Opened AOT cache " + cache), fn::log);
      assertTrue(fn.log().contains("Using AOT-linked classes: true"), fn::log);
    }
    try (LocalLambda plain = LocalLambda.builder(zip, handler).env("GREETING", "hey").start()) {
      assertEquals("hey {\"n\":3}", plain.invoke("{\"n\":3}").bodyText());
      assertTrue(plain.aotCache().isEmpty(), "no cache unless asked for");
    }
  }

  @Test
  void givenASnapStartVersion_thenItsJvmCompilesWithC2AsLambdaJava25Does_whileOnDemandStopsAtC1() throws Exception {
    Path zip = zipOf(JvmArgumentsHandler.class);
    String handler = JvmArgumentsHandler.class.getName() + "::handleRequest";

    try (LocalLambda onDemand = LocalLambda.builder(zip, handler).start();
         LocalLambda snapStart = LocalLambda.builder(zip, handler).snapStart(true).start()) {
      String onDemandFlags = onDemand.invoke("{}").bodyText();
      snapStart.awaitSnapshot(Duration.ofSeconds(60));
      String snapStartFlags = snapStart.invoke("{}").bodyText();

      assertTrue(onDemandFlags.contains("-XX:TieredStopAtLevel=1"), onDemandFlags);
      assertFalse(snapStartFlags.contains("TieredStopAtLevel"), snapStartFlags);
      assertTrue(snapStartFlags.contains("-XX:+UseSerialGC") && onDemandFlags.contains("-XX:+UseSerialGC"),
          "the rest as on demand: " + snapStartFlags);
    }
  }

  @Test
  void givenADynaliteServer_thenItAnswersOnLoopback() throws Exception {
    try (Dynalite d = Dynalite.start()) {
      assertTrue(d.endpoint().toString().startsWith("http://127.0.0.1:"));
      assertTrue(FreePort.awaitListening(d.port(), Duration.ofSeconds(1), null));
    }
  }

  private Path zipOf(Class<?> c) throws IOException {
    Path zip = dir.resolve("fn.zip");
    String entry = c.getName().replace('.', '/') + ".class";
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
         var in = c.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new ZipEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return zip;
  }

  /** Runs inside the child JVM, loaded from the zip: answers with the JVM's own command-line flags. */
  public static final class JvmArgumentsHandler
      implements com.amazonaws.services.lambda.runtime.RequestStreamHandler {
    @Override
    public void handleRequest(java.io.InputStream in, OutputStream out,
                              com.amazonaws.services.lambda.runtime.Context context) throws IOException {
      out.write(String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
          .getBytes());
    }
  }

  /** Runs inside the child JVM, loaded from the zip. */
  public static final class EchoHandler implements com.amazonaws.services.lambda.runtime.RequestStreamHandler {
    @Override
    public void handleRequest(java.io.InputStream in, OutputStream out,
                              com.amazonaws.services.lambda.runtime.Context context) throws IOException {
      String event = new String(in.readAllBytes());
      if (event.equals("\"fail\"") || event.equals("fail")) {
        throw new IllegalStateException("asked to fail");
      }
      out.write((System.getenv("GREETING") + " " + event).getBytes());
    }
  }
}
