package dev.baton.core.promotion;

import dev.baton.core.config.ConfigException;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.release.Template;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The promotions file ({@code config/promotions.json}), validated as a whole when loaded: an unknown field, a bad
 * pipeline name, a placeholder that does not exist, or a chain that comes back to where it started
 * ({@link PromotionCycles}) fails with a message naming the promotion and the field.
 *
 * <pre>{@code
 * {"promotions": [{
 *   "name": "staging-to-prod",
 *   "from": "*-staging",                        (a pipeline name; * matches any characters)
 *   "releasedBy": "service-releases",            (optional: only executions Baton released from this release rule)
 *   "branch": "main",                            (optional: only executions of this Git branch)
 *   "to": "payments-prod",
 *   "sourceAction": "Source",                     (the target's source action, pinned to the same revision)
 *   "artifact": "SourceArtifact",                 (optional: which of the source's artifacts, when it has several)
 *   "carryVariables": true,                       (optional: start the target with the source's variables)
 *   "variables": {"PROMOTED_FROM": "{source.pipeline}", "RELEASE": "{variables.VERSION}"}
 * }]}
 * }</pre>
 */
public final class Promotions {
  static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9.@\\-_]{1,100}");
  static final Pattern PIPELINE_PATTERN = Pattern.compile("[A-Za-z0-9.@\\-_*]{1,100}");
  static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9@\\-_]{1,128}");
  static final int MAX_VARIABLE_VALUE = 1000;
  /** The placeholders of a promotion's variables, besides {@code {variables.<NAME>}}. */
  public static final Set<String> SOURCE_FIELDS = Set.of("source.pipeline", "source.executionId", "source.revision");

  private static final Set<String> TOP_FIELDS = Set.of("promotions", "$comment");
  private static final Set<String> FIELDS = Set.of("name", "description", "from", "releasedBy", "branch", "to",
      "sourceAction", "artifact", "carryVariables", "variables");

  private final List<PromotionRule> rules;

  private Promotions(List<PromotionRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** No promotions (the file is optional). */
  public static Promotions none() {
    return new Promotions(List.of());
  }

  public static Promotions parse(String source, InputStream json) {
    return parse(source, ConfigFiles.parse(source, json));
  }

  public static Promotions parse(String source, JsonObject root) {
    ConfigFiles.rejectUnknownFields(source, root, TOP_FIELDS, "the top level");
    List<JsonObject> entries;
    try {
      entries = root.objects("promotions");
    } catch (MalformedJsonException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
    List<PromotionRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      PromotionRule rule = rule(source, i, entries.get(i));
      if (!names.add(rule.name())) {
        throw new ConfigException(source + ": promotions[" + i + "]: the name \"" + rule.name() + "\" is used twice");
      }
      rules.add(rule);
    }
    PromotionCycles.find(rules).ifPresent(cycle -> {
      throw new ConfigException(source + ": " + cycle);
    });
    return new Promotions(rules);
  }

  public List<PromotionRule> rules() {
    return rules;
  }

  /**
   * Fails on a promotion whose {@code releasedBy} names no release rule (it would never promote anything): checked
   * when the release trigger starts, and by {@code ./baton validate}.
   */
  public Promotions requireReleaseRules(String source, Set<String> releaseRules) {
    for (PromotionRule r : rules) {
      r.releasedBy().filter(name -> !releaseRules.contains(name)).ifPresent(name -> {
        throw new ConfigException(source + ": promotion \"" + r.name() + "\", field \"releasedBy\": no release rule "
            + "is named \"" + name + "\" (the release rules are " + new java.util.TreeSet<>(releaseRules) + ")");
      });
    }
    return this;
  }

  /** True when some promotion watches {@code pipeline}: only then is a succeeded execution looked at closer. */
  public boolean watches(String pipeline) {
    return rules.stream().anyMatch(r -> r.watches(pipeline));
  }

  /** The promotions of {@code source}, one per target: the first rule (in file order) that takes it to a target. */
  public List<PromotionRule> of(SourceExecution source) {
    Map<String, PromotionRule> byTarget = new LinkedHashMap<>();
    rules.stream().filter(r -> r.takes(source)).forEach(r -> byTarget.putIfAbsent(r.to(), r));
    return List.copyOf(byTarget.values());
  }

  private static PromotionRule rule(String source, int index, JsonObject json) {
    String name = ConfigFiles.field(source + ": promotions[" + index + "]", "name", () -> json.string("name"));
    String at = source + ": promotion \"" + name + "\" (promotions[" + index + "])";
    ConfigFiles.rejectUnknownFields(source, json, FIELDS, "promotion \"" + name + "\"");
    String from = ConfigFiles.field(at, "from", () -> json.string("from"));
    if (!PIPELINE_PATTERN.matcher(from).matches()) {
      throw new ConfigException(at + ", field \"from\": \"" + from + "\" is not a pipeline name or pattern "
          + "([A-Za-z0-9.@-_], * for any characters, 1-100 characters)");
    }
    String to = ConfigFiles.field(at, "to", () -> json.string("to"));
    if (!PIPELINE_NAME.matcher(to).matches()) {
      throw new ConfigException(at + ", field \"to\": \"" + to + "\" is not a pipeline name ([A-Za-z0-9.@-_], "
          + "1-100 characters; no patterns: a promotion starts one pipeline)");
    }
    Optional<String> releasedBy = nonBlank(at, "releasedBy", json);
    Optional<String> branch = nonBlank(at, "branch", json);
    String sourceAction = nonBlank(at, "sourceAction", json).orElseThrow(() -> new ConfigException(at
        + ", field \"sourceAction\": missing: name the target's source action, which is pinned to the source "
        + "execution's revision"));
    Optional<String> artifact = nonBlank(at, "artifact", json);
    boolean carry = ConfigFiles.field(at, "carryVariables", () -> json.optBoolean("carryVariables").orElse(false));
    Map<String, Template> variables = new LinkedHashMap<>();
    JsonObject vars = ConfigFiles.field(at, "variables",
        () -> json.optObject("variables").orElse(JsonObject.of(Map.of())));
    for (String var : vars.keys()) {
      if (!VARIABLE_NAME.matcher(var).matches()) {
        throw new ConfigException(at + ", field \"variables\": \"" + var + "\" is not a valid pipeline variable name "
            + "([A-Za-z0-9@-_], 1-128 characters)");
      }
      String value = ConfigFiles.field(at, "variables." + var, () -> vars.string(var));
      variables.put(var, ConfigFiles.field(at, "variables." + var, () -> Template.parse(value,
          p -> SOURCE_FIELDS.contains(p) || (p.startsWith("variables.") && VARIABLE_NAME.matcher(
              p.substring("variables.".length())).matches()),
          "{source.pipeline}, {source.executionId}, {source.revision} and {variables.<source variable>}")));
    }
    return new PromotionRule(name, from, to, releasedBy, branch, sourceAction, artifact, carry, variables);
  }

  private static Optional<String> nonBlank(String at, String field, JsonObject json) {
    Optional<String> value = ConfigFiles.field(at, field, () -> json.optString(field));
    if (value.isPresent() && value.get().isBlank()) {
      throw new ConfigException(at + ", field \"" + field + "\": must not be blank (leave it out instead)");
    }
    return value;
  }
}
