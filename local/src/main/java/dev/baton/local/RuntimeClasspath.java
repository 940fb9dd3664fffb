package dev.baton.local;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The classpath of Lambda's own runtime (the runtime interface client and what it needs), taken from the jars this
 * process was started with. The function's code comes from the task root, as on Lambda.
 */
final class RuntimeClasspath {
  private RuntimeClasspath() {}

  static String get() {
    Set<String> entries = new LinkedHashSet<>();
    entries.add(jarOf("com.amazonaws.services.lambda.runtime.api.client.AWSLambda"));
    entries.add(jarOf("com.amazonaws.services.lambda.runtime.Context"));
    entries.add(jarOf("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer"));
    entries.add(jarOf("software.amazon.awssdk.utilslite.SdkInternalThreadLocal"));
    return String.join(File.pathSeparator, entries);
  }

  /**
   * The runtime client's native library, unpacked once per process into a private folder. Left to itself the client
   * unpacks it to the fixed path /tmp/.libaws-lambda-jni.so on every start, so JVMs starting at the same moment
   * overwrite a library another is loading (SIGBUS). Lambda itself passes the path the same way.
   */
  static synchronized String jniLibrary() {
    if (jni == null) {
      String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
      String name = "libaws-lambda-jni.linux-" + arch + ".so";
      try (java.io.InputStream in = RuntimeClasspath.class.getResourceAsStream("/jni/" + name)) {
        if (in == null) {
          throw new IllegalStateException("the runtime interface client jar has no jni/" + name);
        }
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("baton-ric-");
        java.nio.file.Path lib = dir.resolve(name);
        java.nio.file.Files.copy(in, lib);
        lib.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        jni = lib.toString();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return jni;
  }

  private static String jni;

  private static String jarOf(String className) {
    try {
      Class<?> c = Class.forName(className, false, RuntimeClasspath.class.getClassLoader());
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException("the Lambda runtime interface client is not on the classpath: " + className, e);
    }
  }
}
