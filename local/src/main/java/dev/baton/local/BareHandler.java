package dev.baton.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The cold-start baseline: a bare "hello" RequestStreamHandler, compiled and zipped on the spot, so it runs exactly
 * as the real functions do (same runtime client, same JVM flags) and differs only in what the handler does.
 */
public final class BareHandler {
  public static final String HANDLER = "Hello::handleRequest";
  private static final String SOURCE = """
      public final class Hello implements com.amazonaws.services.lambda.runtime.RequestStreamHandler {
        @Override
        public void handleRequest(java.io.InputStream in, java.io.OutputStream out,
                                  com.amazonaws.services.lambda.runtime.Context context) throws java.io.IOException {
          in.readAllBytes();
          out.write("{\\"hello\\":\\"world\\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      """;

  private BareHandler() {}

  /** Compiles the bare handler into {@code dir} and zips it like a function (class at the root, jar in lib/). */
  public static Path zip(Path dir) throws IOException {
    Path src = dir.resolve("Hello.java");
    Files.writeString(src, SOURCE, StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String coreJar;
    try {
      coreJar = Path.of(com.amazonaws.services.lambda.runtime.RequestStreamHandler.class.getProtectionDomain()
          .getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    int rc = javac.run(null, null, System.err, "--release", "21", "-cp", coreJar, "-d", dir.toString(), src.toString());
    if (rc != 0) {
      throw new IllegalStateException("could not compile the baseline handler");
    }
    Path zip = dir.resolve("hello.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("Hello.class"));
      out.write(Files.readAllBytes(dir.resolve("Hello.class")));
      out.closeEntry();
      out.putNextEntry(new ZipEntry("lib/" + Path.of(coreJar).getFileName()));
      Files.copy(Path.of(coreJar), (OutputStream) out);
      out.closeEntry();
    }
    return zip;
  }

}
