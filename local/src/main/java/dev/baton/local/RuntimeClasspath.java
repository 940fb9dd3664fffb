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

  private static String jarOf(String className) {
    try {
      Class<?> c = Class.forName(className, false, RuntimeClasspath.class.getClassLoader());
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException("the Lambda runtime interface client is not on the classpath: " + className, e);
    }
  }
}
