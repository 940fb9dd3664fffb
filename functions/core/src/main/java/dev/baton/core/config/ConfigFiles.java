package dev.baton.core.config;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The configuration files users edit under {@code config/} and the build packages into each function's zip
 * ({@code baton/<file>} on the classpath), and the checks every such file gets: unknown fields are errors (a typo
 * must not silently switch something off), and every error names the file, the entry and the field.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  /** A configuration file's display name and content. */
  public record ConfigFile(String source, JsonObject json) {}

  /**
   * The file named by the environment variable {@code overrideEnv} when it is set, else the packaged
   * {@code baton/<name>} (shown as {@code config/<name>}, where users edit it).
   */
  public static ConfigFile load(String overrideEnv, String name) {
    Optional<String> file = Optional.ofNullable(System.getenv(overrideEnv)).filter(v -> !v.isBlank());
    if (file.isPresent()) {
      Path path = Path.of(file.get());
      try {
        return new ConfigFile(path.toString(), parse(path.toString(), Files.newInputStream(path)));
      } catch (IOException e) {
        throw new ConfigException(overrideEnv + "=" + path + ": cannot read: " + e.getMessage(), e);
      }
    }
    InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream("baton/" + name);
    if (in == null) {
      throw new ConfigException("baton/" + name + " is not in the function package: build with `mvn package`");
    }
    return new ConfigFile("config/" + name, parse("config/" + name, in));
  }

  /** Reads and closes {@code json}; broken JSON is a {@link ConfigException} naming {@code source}. */
  public static JsonObject parse(String source, InputStream json) {
    try (json) {
      return Json.parseObject(json);
    } catch (MalformedJsonException e) {
      throw new ConfigException(source + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ConfigException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Fails on the first field of {@code json} that is not {@code allowed}: {@code <where> has an unknown field}. */
  public static void rejectUnknownFields(String source, JsonObject json, Set<String> allowed, String where) {
    for (String k : json.keys()) {
      if (!allowed.contains(k)) {
        throw new ConfigException(source + ": " + where + " has an unknown field \"" + k + "\"; allowed: "
            + allowed.stream().sorted().toList());
      }
    }
  }

  /**
   * Reads one field; a wrong type or value is a {@link ConfigException} naming {@code at} and the field (with the
   * element of a list that is wrong: {@code field "sns[1]"}).
   */
  public static <T> T field(String at, String field, Supplier<T> read) {
    try {
      return read.get();
    } catch (MalformedJsonException | IllegalArgumentException e) {
      String msg = e.getMessage();
      int colon = msg.indexOf(": ");
      if (!(e instanceof MalformedJsonException) || !msg.startsWith("$") || colon < 0) {
        throw new ConfigException(at + ", field \"" + field + "\": " + msg, e);
      }
      String path = msg.substring(0, colon);
      String last = field.substring(field.lastIndexOf('.') + 1);
      int end = path.lastIndexOf(last);
      String element = end < 0 ? "" : path.substring(end + last.length());
      throw new ConfigException(at + ", field \"" + field + (element.startsWith("[") ? element : "") + "\": "
          + msg.substring(colon + 2), e);
    }
  }
}
