package dev.baton.functions.release;

import dev.baton.core.config.ConfigFiles;
import dev.baton.core.promotion.Promotions;
import dev.baton.core.release.ReleaseRule;
import dev.baton.core.release.ReleaseRules;
import java.util.stream.Collectors;

/**
 * Where the promotions come from: the file named by {@code BATON_PROMOTIONS} if set, else
 * {@code baton/promotions.json} in the zip (the repository's {@code config/promotions.json}). A missing or invalid
 * file, promotions that form a cycle, or a {@code releasedBy} naming no release rule, fail the function's start with a message naming the promotion and field.
 */
final class PromotionsSource {
  private PromotionsSource() {}

  /** The promotions, each {@code releasedBy} naming one of {@code rules}. */
  static Promotions load(ReleaseRules rules) {
    ConfigFiles.ConfigFile file = ConfigFiles.load("BATON_PROMOTIONS", "promotions.json");
    return Promotions.parse(file.source(), file.json()).requireReleaseRules(file.source(),
        rules.rules().stream().map(ReleaseRule::name).collect(Collectors.toSet()));
  }
}
