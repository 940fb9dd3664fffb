package dev.baton.core.promotion;

import dev.baton.core.config.Glob;
import dev.baton.core.release.SourceRevision;
import dev.baton.core.release.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One validated promotion: when an execution of a pipeline matching {@code from} SUCCEEDS (optionally only one Baton
 * released from release rule {@code releasedBy}, or one of branch {@code branch}), start {@code to} with the same
 * revision pinned on its source action {@code sourceAction}. Built by {@link Promotions}.
 */
public final class PromotionRule {
  private final String name;
  private final String from;
  private final Pattern fromPattern;
  private final String to;
  private final Optional<String> releasedBy;
  private final Optional<String> branch;
  private final String sourceAction;
  private final Optional<String> artifact;
  private final boolean carryVariables;
  private final Map<String, Template> variables;

  PromotionRule(String name, String from, String to, Optional<String> releasedBy, Optional<String> branch,
                String sourceAction, Optional<String> artifact, boolean carryVariables,
                Map<String, Template> variables) {
    this.name = name;
    this.from = from;
    this.fromPattern = Glob.compile(from);
    this.to = to;
    this.releasedBy = releasedBy;
    this.branch = branch;
    this.sourceAction = sourceAction;
    this.artifact = artifact;
    this.carryVariables = carryVariables;
    this.variables = Map.copyOf(variables);
  }

  public String name() {
    return name;
  }

  /** The source pipeline pattern ({@code *} matches any characters). */
  public String from() {
    return from;
  }

  /** The target pipeline. */
  public String to() {
    return to;
  }

  public Optional<String> releasedBy() {
    return releasedBy;
  }

  /** The branch a source execution must be of, if the rule names one. */
  public Optional<String> branch() {
    return branch;
  }

  /** True when an execution of {@code pipeline} can be promoted by this rule (whatever its filters say). */
  public boolean watches(String pipeline) {
    return fromPattern.matcher(pipeline).matches();
  }

  /** True when this rule promotes {@code source}: its pipeline matches and it passes the filters. */
  public boolean takes(SourceExecution source) {
    return watches(source.pipeline())
        && releasedBy.map(r -> source.releaseRule().filter(r::equals).isPresent()).orElse(true)
        && branch.map(b -> source.branch().filter(b::equals).isPresent()).orElse(true);
  }

  /**
   * The plan for {@code source}, which this rule {@link #takes}. Throws when the revision cannot be pinned or a
   * variable renders empty: the promotion is then recorded FAILED with the reason.
   */
  public PromotionPlan plan(SourceExecution source) throws PromotionRejectedException {
    PromotionKey key = new PromotionKey(source.pipeline(), source.executionId(), to);
    List<String> problems = new ArrayList<>();
    List<SourceRevision> pins = pins(source, problems);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("source.pipeline", source.pipeline());
    values.put("source.executionId", source.executionId());
    values.put("source.revision", source.artifacts().size() == 1 ? source.artifacts().getFirst().value() : "");
    source.variables().forEach((k, v) -> values.put("variables." + k, v));
    Map<String, String> rendered = new LinkedHashMap<>();
    if (carryVariables) {
      rendered.putAll(new java.util.TreeMap<>(source.variables()));   // by name: every attempt sends the same request
    }
    variables.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String value = e.getValue().render(values);
      if (value.isEmpty()) {
        problems.add("variable " + e.getKey() + " (\"" + e.getValue() + "\") is empty for this execution");
      } else if (value.length() > Promotions.MAX_VARIABLE_VALUE) {
        problems.add("variable " + e.getKey() + " is " + value.length() + " characters; CodePipeline takes at most "
            + Promotions.MAX_VARIABLE_VALUE);
      }
      rendered.put(e.getKey(), value);
    });
    PromotionPlan plan = new PromotionPlan(key, name, rendered, pins, source.branch(), source.origin(),
        key.clientRequestToken());
    if (!problems.isEmpty()) {
      throw new PromotionRejectedException(plan, "promotion \"" + name + "\": " + String.join("; ", problems));
    }
    return plan;
  }

  /** The target's source action pinned to the source's revision: its S3 key and version, or its commit. */
  private List<SourceRevision> pins(SourceExecution source, List<String> problems) {
    List<SourceArtifact> candidates = artifact.map(a -> source.artifacts().stream()
        .filter(x -> x.name().filter(a::equals).isPresent()).toList()).orElse(source.artifacts());
    if (candidates.size() != 1) {
      List<String> names = source.artifacts().stream().map(x -> x.name().orElse("?")).toList();
      problems.add(candidates.isEmpty() && source.artifacts().isEmpty()
          ? "the source execution has no artifact revision to pin (neither Baton nor CodePipeline records one)"
          : artifact.isPresent() && candidates.isEmpty()
              ? "the source execution has no artifact named \"" + artifact.get() + "\" (it has " + names + ")"
              : "the source execution has " + candidates.size() + " artifact revisions " + names
                  + "; name the one to promote with \"artifact\"");
      return List.of();
    }
    SourceArtifact a = candidates.getFirst();
    List<SourceRevision> pins = new ArrayList<>();
    a.key().filter(k -> a.type() == SourceRevision.Type.S3_OBJECT_VERSION_ID)
        .ifPresent(k -> pins.add(new SourceRevision(sourceAction, SourceRevision.Type.S3_OBJECT_KEY, k)));
    pins.add(new SourceRevision(sourceAction, a.type(), a.value()));
    return pins;
  }

  @Override
  public String toString() {
    return name + " (" + from + " -> " + to + ")";
  }
}
