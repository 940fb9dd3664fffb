package dev.baton.e2e;

import dev.baton.local.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The sample events in events/, the same files `./baton invoke -e` and `sam local invoke -e` take. */
final class Events {
  private Events() {}

  static String load(String name) {
    try {
      return Files.readString(Repo.root().resolve("events").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
