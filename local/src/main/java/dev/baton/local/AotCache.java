package dev.baton.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A JDK 25 AOT cache for one packaged function (JEP 483/514: {@code -XX:AOTCacheOutput} on a training run, then
 * {@code -XX:AOTCache}): the function's classes, and the JDK's and the runtime client's, loaded and linked before
 * {@code main}. A <b>local stand-in for SnapStart's head start</b>, to see what a function costs once its start-up
 * work is done ahead: it is never packaged into a zip, and Lambda's managed runtimes do not take one.
 *
 * <p>An AOT cache holds classes from JAR files of the application class path only, so for a run with a cache the
 * zip's code is also put there: its jars and a jar of its root classes, copied once into a folder that stays put
 * (the cache records their paths and sizes). The runtime client still gets the unpacked zip as its task root; its
 * class loader asks the application class loader first, which now has the classes. Everything the cache depends on
 * (the zip's contents, the JDK build, the JVM flags, the runtime class path) is in the folder's name, so a rebuilt
 * zip or another JDK trains a new cache instead of being refused by this one.
 */
final class AotCache {
  private final Path dir;
  private final Path cache;
  private final List<String> classpath;
  private Path output;

  private AotCache(Path dir, List<String> classpath) {
    this.dir = dir;
    this.cache = dir.resolve("function.aot");
    this.classpath = classpath;
  }

  /** The cache for {@code zip} run with {@code jvmFlags} and {@code runtimeClasspath}, kept under {@code root}. */
  static AotCache of(Path root, Path zip, List<String> jvmFlags, String runtimeClasspath) {
    if (Runtime.version().feature() < 25) {
      throw new IllegalStateException("an AOT cache needs JDK 25 or newer (-XX:AOTCacheOutput); this is "
          + Runtime.version());
    }
    try {
      Path dir = root.resolve(key(zip, jvmFlags, runtimeClasspath));
      Path classes = dir.resolve("classpath");
      if (!Files.isDirectory(classes)) {
        unpackCodeTo(zip, dir, classes);
      }
      List<String> cp = new ArrayList<>();
      cp.add(classes.resolve("function.jar").toString());
      try (var libs = Files.list(classes.resolve("lib"))) {
        libs.map(Path::toString).filter(p -> p.endsWith(".jar")).sorted().forEach(cp::add);
      }
      return new AotCache(dir, cp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the AOT cache folder under " + root, e);
    }
  }

  /** The cache file (it exists once a training run has ended). */
  Path file() {
    return cache;
  }

  boolean trained() {
    return Files.isRegularFile(cache);
  }

  /** The zip's code, to append to the JVM's class path. */
  String classpath() {
    return String.join(File.pathSeparator, classpath);
  }

  /** The JVM options of the next run: use the cache, or, with none yet, record one when the JVM exits. */
  List<String> jvmOptions() {
    if (trained()) {
      return List.of("-XX:AOTCache=" + cache);
    }
    output = dir.resolve("training-" + UUID.randomUUID() + ".aot");
    return List.of("-XX:AOTCacheOutput=" + output);
  }

  /** After the run's JVM exited: a training run's cache is put in place (runs training at once: the last wins). */
  void afterExit() {
    if (output == null) {
      return;
    }
    try {
      if (Files.isRegularFile(output)) {
        Files.move(output, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.deleteIfExists(Path.of(output + ".config"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot put the trained AOT cache in place: " + cache, e);
    } finally {
      output = null;
    }
  }

  private static void unpackCodeTo(Path zip, Path dir, Path classes) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempDirectory(dir, "classpath-");
    Files.createDirectories(tmp.resolve("lib"));
    try (ZipFile z = new ZipFile(zip.toFile());
         JarOutputStream function = new JarOutputStream(Files.newOutputStream(tmp.resolve("function.jar")))) {
      for (ZipEntry e : z.stream().toList()) {
        if (e.isDirectory()) {
          continue;
        }
        try (InputStream in = z.getInputStream(e)) {
          if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar")) {
            Files.copy(in, tmp.resolve("lib").resolve(Path.of(e.getName()).getFileName()));
          } else {
            function.putNextEntry(new ZipEntry(e.getName()));
            in.transferTo(function);
            function.closeEntry();
          }
        }
      }
    }
    try {
      Files.move(tmp, classes, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
      LocalLambda.deleteTree(tmp); // another run unpacked the same zip first
    }
  }

  /** What the cache depends on: the zip's entries (not its timestamps), the JDK build, the flags, the class path. */
  private static String key(Path zip, List<String> jvmFlags, String runtimeClasspath) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : z.stream().sorted(java.util.Comparator.comparing(ZipEntry::getName)).toList()) {
        sha.update(e.getName().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = z.getInputStream(e)) {
          sha.update(in.readAllBytes());
        }
      }
    }
    String context = System.getProperty("java.home") + "\n" + Runtime.version() + "\n" + String.join(" ", jvmFlags)
        + "\n" + runtimeClasspath;
    sha.update(context.getBytes(StandardCharsets.UTF_8));
    String name = zip.getFileName().toString().replaceFirst("\\.zip$", "");
    return name + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
  }
}
