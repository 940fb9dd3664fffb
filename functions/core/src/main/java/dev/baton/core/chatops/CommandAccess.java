package dev.baton.core.chatops;

import dev.baton.core.approval.Authorization;
import dev.baton.core.approval.GroupMembership;
import dev.baton.core.approval.MembershipUnavailableException;
import dev.baton.core.approval.SlackUser;
import dev.baton.core.config.ConfigException;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may run which {@code /baton} subcommand ({@code config/chatops.json}). Each subcommand is {@code "anyone"}
 * (whoever can type in a channel the app is in) or {@code {"users": [...], "groups": [...]}} (Slack member and
 * user-group ids). Unlisted, the reading subcommands are open to anyone and the changing ones (release, freeze,
 * unfreeze) to no one. A group
 * Baton cannot look up now does not let anyone in (fail closed).
 */
public final class CommandAccess {
  /** Reading subcommands: open unless the file says otherwise. */
  static final Set<String> READS = Set.of("help", "status", "history", "dora", "freezes");
  /** Changing subcommands: closed unless the file lists who. */
  static final Set<String> WRITES = Set.of("release", "freeze", "unfreeze");
  private static final Set<String> TOP = Set.of("$comment", "commands");
  private static final Set<String> WHO = Set.of("users", "groups");
  private static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{2,}");
  private static final Pattern GROUP = Pattern.compile("S[A-Z0-9]{2,}");

  private final Map<String, Optional<Who>> rules;
  private final GroupMembership groups;

  private CommandAccess(Map<String, Optional<Who>> rules, GroupMembership groups) {
    this.rules = Map.copyOf(rules);
    this.groups = groups;
  }

  /** Allowed users and groups; empty means anyone. */
  record Who(List<String> users, List<String> groups) {}

  public static CommandAccess parse(String source, JsonObject root, GroupMembership groups) {
    ConfigFiles.rejectUnknownFields(source, root, TOP, "the top level");
    Map<String, Optional<Who>> rules = new HashMap<>();
    READS.forEach(r -> rules.put(r, Optional.empty()));
    JsonObject commands;
    try {
      commands = root.optObject("commands").orElse(JsonObject.of(Map.of()));
    } catch (MalformedJsonException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
    for (String name : commands.keys()) {
      String at = source + ": commands." + name;
      if (!READS.contains(name) && !WRITES.contains(name)) {
        throw new ConfigException(at + ": not a /baton subcommand; known: " + new java.util.TreeSet<>(
            union(READS, WRITES)));
      }
      Object value = commands.asMap().get(name);
      if ("anyone".equals(value)) {
        rules.put(name, Optional.empty());
        continue;
      }
      JsonObject who = ConfigFiles.field(source, "commands." + name, () -> commands.object(name));
      ConfigFiles.rejectUnknownFields(at, who, WHO, "the entry");
      List<String> users = ConfigFiles.field(at, "users", () -> ids(who, "users", USER, "a Slack member id (U...)"));
      List<String> gs = ConfigFiles.field(at, "groups", () -> ids(who, "groups", GROUP, "a Slack user-group id (S...)"));
      if (users.isEmpty() && gs.isEmpty()) {
        throw new ConfigException(at + ": lists no users and no groups; write \"anyone\" to open it to everyone");
      }
      rules.put(name, Optional.of(new Who(users, gs)));
    }
    return new CommandAccess(rules, groups);
  }

  /** One line for {@code ./baton validate}: which subcommands are open to anyone, which allow-listed. */
  public String summary() {
    List<String> open = rules.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
        .sorted().toList();
    List<String> listed = rules.entrySet().stream().filter(e -> e.getValue().isPresent()).map(Map.Entry::getKey)
        .sorted().toList();
    return "open to anyone: " + open + "; allow-listed: " + listed;
  }

  /** May {@code user} run {@code subcommand}? */
  public Authorization check(String subcommand, SlackUser user) {
    Optional<Who> who = rules.get(subcommand);
    if (who == null) {
      return Authorization.refused("`/baton " + subcommand + "` is not open to anyone here: config/chatops.json "
          + "lists who may run it");
    }
    if (who.isEmpty() || who.get().users().contains(user.id())) {
      return Authorization.allowed();
    }
    for (String group : who.get().groups()) {
      try {
        if (groups.isMember(user.id(), group)) {
          return Authorization.allowed();
        }
      } catch (MembershipUnavailableException e) {
        return Authorization.unchecked("Baton cannot check the user groups allowed to run `/baton " + subcommand
            + "` right now; try again in a minute");
      }
    }
    return Authorization.refused("you are not among the people allowed to run `/baton " + subcommand + "`");
  }

  private static List<String> ids(JsonObject who, String field, Pattern pattern, String what) {
    List<String> ids = who.has(field) ? who.strings(field) : List.of();
    ids.stream().filter(i -> !pattern.matcher(i).matches()).findFirst().ifPresent(bad -> {
      throw new IllegalArgumentException("\"" + bad + "\" is not " + what);
    });
    return ids;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return out;
  }
}
