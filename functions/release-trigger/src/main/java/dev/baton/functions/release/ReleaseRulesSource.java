package dev.baton.functions.release;

import dev.baton.core.config.ConfigFiles;
import dev.baton.core.release.ReleaseRules;

/**
 * Where the release rules come from: the file named by {@code BATON_RELEASE_RULES} if set, else
 * {@code baton/release-rules.json} in the zip (the repository's {@code config/release-rules.json}, packaged by the
 * build). A missing or invalid file fails the function's start with a message naming the rule and field.
 */
final class ReleaseRulesSource {
  private ReleaseRulesSource() {}

  static ReleaseRules load() {
    ConfigFiles.ConfigFile file = ConfigFiles.load("BATON_RELEASE_RULES", "release-rules.json");
    return ReleaseRules.parse(file.source(), file.json());
  }
}
