package dev.baton.core.release;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** One validated release rule: which uploads it takes and what they start. Built by {@link ReleaseRules}. */
public final class ReleaseRule {
  static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9.@\\-_]{1,100}");
  static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9@\\-_]{1,128}");
  static final int MAX_VARIABLE_VALUE = 1000;

  private final String name;
  private final Optional<String> bucket;
  private final KeyPattern key;
  private final Template pipeline;
  private final Map<String, Template> variables;
  private final Optional<String> sourceAction;

  ReleaseRule(String name, Optional<String> bucket, KeyPattern key, Template pipeline,
              Map<String, Template> variables, Optional<String> sourceAction) {
    this.name = name;
    this.bucket = bucket;
    this.key = key;
    this.pipeline = pipeline;
    this.variables = variables;
    this.sourceAction = sourceAction;
  }

  public String name() {
    return name;
  }

  public KeyPattern key() {
    return key;
  }

  /** The plan for {@code object}, or empty when this rule does not take it. */
  public Optional<ReleasePlan> plan(S3Object object) throws ReleaseRejectedException {
    if (bucket.isPresent() && !bucket.get().equals(object.bucket())) {
      return Optional.empty();
    }
    Optional<Map<String, String>> captures = key.match(object.key());
    if (captures.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>(captures.get());
    values.put("object.bucket", object.bucket());
    values.put("object.key", object.key());
    values.put("object.versionId", object.versionId().orElse(""));
    values.put("object.etag", object.etag());
    values.put("object.size", String.valueOf(object.size()));
    values.put("object.sequencer", object.sequencer());
    values.put("object.fileName", object.fileName());

    List<String> problems = new ArrayList<>();
    String pipelineName = pipeline.render(values);
    if (!PIPELINE_NAME.matcher(pipelineName).matches()) {
      problems.add("pipeline name \"" + pipelineName + "\" (from \"" + pipeline + "\") is not a valid CodePipeline "
          + "name ([A-Za-z0-9.@-_], 1-100 characters)");
    }
    Map<String, String> rendered = new LinkedHashMap<>();
    variables.forEach((var, template) -> {
      String value = template.render(values);
      if (value.isEmpty()) {
        problems.add("variable " + var + " (\"" + template + "\") is empty for this object"
            + (template.toString().contains("object.versionId") && object.versionId().isEmpty()
                ? ": the bucket is not versioned" : ""));
      } else if (value.length() > MAX_VARIABLE_VALUE) {
        problems.add("variable " + var + " is " + value.length() + " characters; CodePipeline takes at most "
            + MAX_VARIABLE_VALUE);
      }
      rendered.put(var, value);
    });
    Optional<SourceRevision> revision = sourceAction.map(action -> object.versionId()
        .map(v -> new SourceRevision(action, SourceRevision.Type.S3_OBJECT_VERSION_ID, v))
        .orElseGet(() -> new SourceRevision(action, SourceRevision.Type.S3_OBJECT_KEY, object.key())));
    String token = token(object.bucket() + "\n" + object.key() + "\n" + object.uploadId() + "\n" + pipelineName);
    ReleasePlan plan = new ReleasePlan(object, name, pipelineName, rendered, revision, token);
    if (!problems.isEmpty()) {
      throw new ReleaseRejectedException(plan, "release rule \"" + name + "\": " + String.join("; ", problems));
    }
    return Optional.of(plan);
  }

  /** A clientRequestToken derived from {@code identity}: {@code baton-} and 48 hex digits of its SHA-256. */
  static String token(String identity) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "baton-" + HexFormat.of().formatHex(digest, 0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return name + " (" + key + " -> " + pipeline + ")";
  }
}
