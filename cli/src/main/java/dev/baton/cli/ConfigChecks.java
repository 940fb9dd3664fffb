package dev.baton.cli;

import dev.baton.core.alerts.AlertRouting;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.chatops.CommandAccess;
import dev.baton.core.config.ConfigException;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.JsonObject;
import dev.baton.core.promotion.Promotions;
import dev.baton.core.release.ReleaseRule;
import dev.baton.core.release.ReleaseRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The configuration files of {@code config/} and the validator each function runs on its file when it starts, so a
 * file can be checked before it is packaged and deployed. A new configuration file is added here with its
 * validator; a file here that no entry knows is an error (it would be packaged and read by nothing).
 */
final class ConfigChecks {
  /** Stands for the stack's alert topic, which {@code "default"} in alert-routing.json names once deployed. */
  private static final Optional<String> STACK_TOPIC = Optional.of("arn:aws:sns:us-east-1:123456789012:baton-AlertTopic");

  /** File name to validator (source shown in messages, content) giving a one-line summary of what it holds. */
  static final Map<String, BiFunction<String, JsonObject, String>> FILES = Map.of(
      "release-rules.json", (source, json) -> count(ReleaseRules.parse(source, json).rules().size(), "release rule"),
      "approvals.json", (source, json) -> count(ApprovalRoutes.parse(source, json).routes().size(), "approval route"),
      "alert-routing.json", (source, json) -> count(AlertRouting.parse(source, json, STACK_TOPIC).all().size() - 1,
          "alert route") + " and the defaults",
      "freezes.json", (source, json) -> count(FreezeCalendar.parse(source, json).rules().size(), "freeze window"),
      "chatops.json", (source, json) -> CommandAccess.parse(source, json, (user, group) -> false).summary(),
      "promotions.json", ConfigChecks::promotions);

  private ConfigChecks() {}

  /** One result per file in {@code dir}: the summary, or the error (naming the file, the entry and the field). */
  static Map<Path, Result> check(Path dir) throws IOException {
    Map<Path, Result> results = new TreeMap<>();
    for (String name : FILES.keySet()) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        results.put(dir.resolve(name), Result.problem(dir.resolve(name) + ": missing; every function that reads it "
            + "would fail to start"));
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        results.put(file, checkFile(file));
      }
    }
    return results;
  }

  private static Result checkFile(Path file) {
    String name = file.getFileName().toString();
    BiFunction<String, JsonObject, String> validator = FILES.get(name);
    if (validator == null) {
      return Result.problem(file + ": not a Baton configuration file (they are " + new java.util.TreeSet<>(
          FILES.keySet()) + "); remove it, or teach ConfigChecks and the function that reads it about it");
    }
    try {
      return Result.ok(validator.apply(file.toString(), ConfigFiles.parse(file.toString(), Files.newInputStream(file))));
    } catch (ConfigException e) {
      return Result.problem(e.getMessage());
    } catch (IOException e) {
      return Result.problem(file + ": cannot read: " + e.getMessage());
    }
  }

  /** {@code path} as the user would write it: relative to the working directory when it is inside it. */
  static Path shown(Path path) {
    Path here = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(here) && !absolute.equals(here) ? here.relativize(absolute) : path;
  }

  /** The promotions, with each {@code releasedBy} checked against the release rules beside the file. */
  private static String promotions(String source, JsonObject json) {
    Promotions promotions = Promotions.parse(source, json);
    Path rules = Path.of(source).resolveSibling("release-rules.json");
    Optional<ReleaseRules> releaseRules;
    try {
      releaseRules = Files.isRegularFile(rules)
          ? Optional.of(ReleaseRules.parse(rules.toString(), Files.newInputStream(rules))) : Optional.empty();
    } catch (IOException | ConfigException e) {
      releaseRules = Optional.empty();   // reported on that file's own line
    }
    releaseRules.ifPresent(r -> promotions.requireReleaseRules(source, r.rules().stream().map(ReleaseRule::name)
        .collect(java.util.stream.Collectors.toSet())));
    return count(promotions.rules().size(), "promotion");
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  /** A file's outcome: what it holds, or what is wrong. */
  record Result(boolean ok, String text) {
    static Result ok(String summary) {
      return new Result(true, summary);
    }

    static Result problem(String message) {
      return new Result(false, message);
    }
  }
}
