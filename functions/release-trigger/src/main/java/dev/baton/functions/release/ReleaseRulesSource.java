package dev.baton.functions.release;

import dev.baton.core.config.ConfigException;
import dev.baton.core.release.ReleaseRules;
import dev.baton.core.runtime.Env;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the release rules come from: the file named by {@code BATON_RELEASE_RULES} if set, else
 * {@code baton/release-rules.json} in the zip (the repository's {@code config/release-rules.json}, packaged by the
 * build). A missing or invalid file fails the function's start with a message naming the rule and field.
 */
final class ReleaseRulesSource {
  static final String PACKAGED = "baton/release-rules.json";

  private ReleaseRulesSource() {}

  static ReleaseRules load() {
    Optional<String> file = Env.optional("BATON_RELEASE_RULES");
    if (file.isPresent()) {
      Path path = Path.of(file.get());
      try (InputStream in = Files.newInputStream(path)) {
        return ReleaseRules.parse(path.toString(), in);
      } catch (IOException e) {
        throw new ConfigException("BATON_RELEASE_RULES=" + path + ": cannot read: " + e.getMessage(), e);
      }
    }
    InputStream in = ReleaseRulesSource.class.getClassLoader().getResourceAsStream(PACKAGED);
    if (in == null) {
      throw new ConfigException(PACKAGED + " is not in the function package: build with `mvn package`");
    }
    return ReleaseRules.parse("config/release-rules.json", in);
  }
}
