package dev.baton.core.release;

import dev.baton.core.config.ConfigException;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The release rules file ({@code config/release-rules.json}), validated as a whole when loaded: an unknown field,
 * a bad pattern, a placeholder the rule cannot fill or an invalid variable name fails with a message naming the
 * rule and the field. Rules are tried in order; the first that takes an upload wins.
 *
 * <pre>{@code
 * {"rules": [{
 *   "name": "service-releases",
 *   "bucket": "my-release-bucket",                    (optional: only this bucket)
 *   "key": "releases/{app}/{version}/*.zip",
 *   "pipeline": "{app}-deploy",
 *   "variables": {"VERSION": "{version}", "ARTIFACT_VERSION_ID": "{object.versionId}"},
 *   "sourceAction": "Source"                           (optional: pin this action to the object)
 * }]}
 * }</pre>
 */
public final class ReleaseRules {
  private static final Set<String> TOP_FIELDS = Set.of("rules", "$comment");
  private static final Set<String> RULE_FIELDS = Set.of("name", "description", "bucket", "key", "pipeline",
      "variables", "sourceAction");

  private final List<ReleaseRule> rules;

  private ReleaseRules(List<ReleaseRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static ReleaseRules parse(String source, InputStream json) {
    return parse(source, ConfigFiles.parse(source, json));
  }

  public static ReleaseRules parse(String source, JsonObject root) {
    ConfigFiles.rejectUnknownFields(source, root, TOP_FIELDS, "the top level");
    List<JsonObject> entries;
    try {
      entries = root.objects("rules");
    } catch (MalformedJsonException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
    List<ReleaseRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      ReleaseRule rule = rule(source, i, entries.get(i));
      if (!names.add(rule.name())) {
        throw new ConfigException(source + ": rules[" + i + "]: the name \"" + rule.name() + "\" is used twice");
      }
      rules.add(rule);
    }
    return new ReleaseRules(rules);
  }

  /** The plan of the first rule that takes {@code object}; empty when none does. */
  public Optional<ReleasePlan> plan(S3Object object) throws ReleaseRejectedException {
    for (ReleaseRule rule : rules) {
      Optional<ReleasePlan> plan = rule.plan(object);
      if (plan.isPresent()) {
        return plan;
      }
    }
    return Optional.empty();
  }

  public List<ReleaseRule> rules() {
    return rules;
  }

  private static ReleaseRule rule(String source, int index, JsonObject json) {
    String where = source + ": rules[" + index + "]";
    String name = ConfigFiles.field(where, "name", () -> json.string("name"));
    String at = source + ": release rule \"" + name + "\" (rules[" + index + "])";
    ConfigFiles.rejectUnknownFields(source, json, RULE_FIELDS, "release rule \"" + name + "\"");
    Optional<String> bucket = ConfigFiles.field(at, "bucket", () -> json.optString("bucket"));
    String keyText = ConfigFiles.field(at, "key", () -> json.string("key"));
    KeyPattern key = ConfigFiles.field(at, "key", () -> KeyPattern.compile(keyText));
    Template pipeline = ConfigFiles.field(at, "pipeline", () -> Template.parse(json.string("pipeline"), key.names()));
    Map<String, Template> variables = new LinkedHashMap<>();
    JsonObject vars = ConfigFiles.field(at, "variables", () -> json.optObject("variables").orElse(JsonObject.of(Map.of())));
    for (String var : vars.keys()) {
      if (!ReleaseRule.VARIABLE_NAME.matcher(var).matches()) {
        throw new ConfigException(at + ", field \"variables\": \"" + var + "\" is not a valid pipeline variable name "
            + "([A-Za-z0-9@-_], 1-128 characters)");
      }
      String value = ConfigFiles.field(at, "variables." + var, () -> vars.string(var));
      variables.put(var, ConfigFiles.field(at, "variables." + var, () -> Template.parse(value, key.names())));
    }
    Optional<String> sourceAction = ConfigFiles.field(at, "sourceAction", () -> json.optString("sourceAction"));
    sourceAction.filter(String::isBlank).ifPresent(s -> {
      throw new ConfigException(at + ", field \"sourceAction\": must name the pipeline's source action");
    });
    return new ReleaseRule(name, bucket, key, pipeline, variables, sourceAction);
  }

}
