package dev.baton.core.chatops;

import dev.baton.core.freeze.AdHocFreeze;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text after {@code /baton}: the subcommand, then its arguments, separated by spaces. A word Baton does not
 * know, or a subcommand with its arguments wrong, is a {@link ChatCommand.Usage} saying what is wrong, never an
 * error.
 */
public final class ChatCommands {
  /** CodePipeline's pipeline names: letters, digits, {@code . @ - _}, up to 100 characters. */
  private static final Pattern PIPELINE = Pattern.compile("[A-Za-z0-9.@\\-_]{1,100}");
  private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,3})d)?(?:(\\d{1,4})h)?(?:(\\d{1,5})m)?");
  /** The longest freeze Slack may declare. */
  static final Duration MAX_FREEZE = Duration.ofDays(60);
  /** The most executions {@code /baton history} lists (one Block Kit section each; Slack allows 50 blocks). */
  static final int MAX_HISTORY = 25;
  static final int DEFAULT_DORA_DAYS = 30;
  /** S3 keys are at most 1024 bytes. */
  static final int MAX_VERSION = 1024;
  static final int MAX_DORA_DAYS = 365;

  public static final String USAGE = String.join("\n",
      "`/baton status [pipeline]`: the latest execution of each pipeline (or of one)",
      "`/baton history <pipeline> [n]`: its newest n executions (default 10, at most 25)",
      "`/baton dora [pipeline] [days]`: the DORA metrics of one pipeline or all, over the last days (default 30, "
          + "at most 365)",
      "`/baton release <pipeline> [version]`: start it again with its newest release, or the one named by its S3 "
          + "version id, key, file name or execution id; asks you to confirm first",
      "`/baton freezes`: what is frozen now, and by what",
      "`/baton freeze <pipeline,...|all> <duration|until> <reason>`: freeze, e.g. "
          + "`/baton freeze payments-deploy 2h incident 4711` or `/baton freeze all 2026-12-24T08:00Z holidays`",
      "`/baton unfreeze <pipeline,...|all>`: end the freezes declared here (configured windows stay)",
      "`/baton help`: this");

  private ChatCommands() {}

  public static ChatCommand parse(String text, Instant now) {
    List<String> words = Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    if (words.isEmpty()) {
      return new ChatCommand.Help();
    }
    String sub = words.getFirst().toLowerCase(Locale.ROOT);
    List<String> args = words.subList(1, words.size());
    return switch (sub) {
      case "help" -> new ChatCommand.Help();
      case "status" -> status(args);
      case "history" -> history(args);
      case "dora" -> dora(args);
      case "release" -> release(args);
      case "freezes" -> args.isEmpty() ? new ChatCommand.Freezes() : usage("`/baton freezes` takes no arguments");
      case "freeze" -> freeze(args, now);
      case "unfreeze" -> args.size() == 1 ? targets(args.getFirst()).<ChatCommand>map(ChatCommand.Unfreeze::new)
          .orElseGet(() -> usage(badTargets(args.getFirst()))) : usage("`/baton unfreeze` takes one argument: "
          + "the pipelines (comma-separated) or `all`");
      default -> usage("`" + words.getFirst() + "` is not a Baton command");
    };
  }

  private static ChatCommand status(List<String> args) {
    if (args.isEmpty()) {
      return new ChatCommand.Status(Optional.empty());
    }
    if (args.size() > 1 || !PIPELINE.matcher(args.getFirst()).matches()) {
      return usage("`/baton status` takes at most one pipeline name");
    }
    return new ChatCommand.Status(Optional.of(args.getFirst()));
  }

  private static ChatCommand history(List<String> args) {
    if (args.isEmpty() || args.size() > 2 || !PIPELINE.matcher(args.getFirst()).matches()
        || (args.size() == 2 && !args.get(1).matches("[1-9][0-9]?"))) {
      return usage("`/baton history` takes a pipeline name and, optionally, how many executions (1 to "
          + MAX_HISTORY + ")");
    }
    int n = args.size() == 2 ? Integer.parseInt(args.get(1)) : 10;
    return n > MAX_HISTORY ? usage("`/baton history` shows at most " + MAX_HISTORY + " executions")
        : new ChatCommand.History(args.getFirst(), n);
  }

  /** {@code [pipeline] [days]}: a word of digits only is the days (CodePipeline names may be digits; rare). */
  private static ChatCommand dora(List<String> args) {
    List<String> rest = args;
    Optional<String> pipeline = Optional.empty();
    if (!rest.isEmpty() && !rest.getFirst().matches("[0-9]+")) {
      pipeline = Optional.of(rest.getFirst()).filter(p -> PIPELINE.matcher(p).matches());
      rest = rest.subList(1, rest.size());
    }
    if ((args.size() > rest.size() && pipeline.isEmpty()) || rest.size() > 1
        || (rest.size() == 1 && !rest.getFirst().matches("[1-9][0-9]{0,2}"))
        || (rest.size() == 1 && Integer.parseInt(rest.getFirst()) > MAX_DORA_DAYS)) {
      return usage("`/baton dora` takes a pipeline name, how many days (1 to " + MAX_DORA_DAYS + "), both or "
          + "neither");
    }
    return new ChatCommand.Dora(pipeline, rest.isEmpty() ? DEFAULT_DORA_DAYS : Integer.parseInt(rest.getFirst()));
  }

  private static ChatCommand release(List<String> args) {
    if (args.isEmpty() || args.size() > 2 || !PIPELINE.matcher(args.getFirst()).matches()
        || (args.size() == 2 && args.get(1).length() > MAX_VERSION)) {
      return usage("`/baton release` takes a pipeline name and, optionally, the release to start again (its S3 "
          + "version id, key, file name or execution id)");
    }
    return new ChatCommand.Release(args.getFirst(), args.size() == 2 ? Optional.of(args.get(1)) : Optional.empty());
  }

  private static ChatCommand freeze(List<String> args, Instant now) {
    if (args.size() < 3) {
      return usage("`/baton freeze` needs the pipelines, a duration or an end, and a reason");
    }
    Optional<List<String>> targets = targets(args.get(0));
    if (targets.isEmpty()) {
      return usage(badTargets(args.get(0)));
    }
    Optional<Instant> until = until(args.get(1), now);
    if (until.isEmpty()) {
      return usage("`" + args.get(1) + "` is neither a duration (`30m`, `2h`, `1d12h`) nor a time with its offset "
          + "(`2026-12-24T08:00Z`, `2026-12-24T09:00+01:00`)");
    }
    if (!until.get().isAfter(now)) {
      return usage("`" + args.get(1) + "` is in the past");
    }
    if (until.get().isAfter(now.plus(MAX_FREEZE))) {
      return usage("a freeze from Slack lasts at most " + MAX_FREEZE.toDays() + " days; put longer ones into "
          + "config/freezes.json");
    }
    return new ChatCommand.Freeze(targets.get(), until.get(), String.join(" ", args.subList(2, args.size())));
  }

  private static Optional<List<String>> targets(String arg) {
    if (arg.equalsIgnoreCase("all")) {
      return Optional.of(List.of(AdHocFreeze.ALL));
    }
    List<String> names = Arrays.stream(arg.split(",")).filter(n -> !n.isEmpty()).distinct().toList();
    return !names.isEmpty() && names.stream().allMatch(n -> PIPELINE.matcher(n).matches()) ? Optional.of(names)
        : Optional.empty();
  }

  private static String badTargets(String arg) {
    return "`" + arg + "` is not a list of pipeline names (comma-separated) or `all`";
  }

  private static Optional<Instant> until(String arg, Instant now) {
    Matcher m = DURATION.matcher(arg.toLowerCase(Locale.ROOT));
    if (m.matches() && !arg.isEmpty()) {
      Duration d = Duration.ofDays(num(m.group(1))).plusHours(num(m.group(2))).plusMinutes(num(m.group(3)));
      return d.isZero() ? Optional.empty() : Optional.of(now.plus(d));
    }
    try {
      return Optional.of(OffsetDateTime.parse(arg).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static long num(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }

  private static ChatCommand usage(String problem) {
    return new ChatCommand.Usage(problem);
  }
}
