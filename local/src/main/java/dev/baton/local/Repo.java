package dev.baton.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout's top folder (the one holding template.yaml and package.json). */
public final class Repo {
  private Repo() {}

  /** The repository root: {@code -Dbaton.root}, else the nearest parent of the working directory with template.yaml. */
  public static Path root() {
    String configured = System.getProperty("baton.root", System.getenv("BATON_ROOT"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isRegularFile(p.resolve("package.json"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the Baton checkout (template.yaml + package.json) above " + dir
        + "; run from inside it or set -Dbaton.root");
  }

  /** The packaged zip of a function module, e.g. {@code functions/release-trigger/target/release-trigger.zip}. */
  public static Path functionZip(String module) {
    Path zip = root().resolve("functions").resolve(module).resolve("target").resolve(module + ".zip");
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(zip + " does not exist: build it first with `mvn package -DskipTests`");
    }
    return zip;
  }
}
