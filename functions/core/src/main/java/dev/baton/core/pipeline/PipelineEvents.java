package dev.baton.core.pipeline;

import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Reads CodePipeline state-change events as EventBridge delivers them (User Guide, "Monitoring CodePipeline
 * events"). Anything else — another source, another detail type, a state the level does not have, a missing or
 * mistyped field — is a {@link MalformedJsonException} whose message names the field ({@code $.detail.state: ...}).
 */
public final class PipelineEvents {
  public static final String SOURCE = "aws.codepipeline";

  private PipelineEvents() {}

  /** True if the event claims to be a CodePipeline execution state change (it may still be malformed). */
  public static boolean isPipelineEvent(JsonObject event) {
    Object source = event.asMap().get("source");
    Object detailType = event.asMap().get("detail-type");
    return SOURCE.equals(source) && detailType instanceof String t && EventLevel.ofDetailType(t).isPresent();
  }

  public static PipelineEvent parse(JsonObject event) {
    String source = event.string("source");
    if (!source.equals(SOURCE)) {
      throw new MalformedJsonException("$.source: expected " + SOURCE + ", found " + source);
    }
    String detailType = event.string("detail-type");
    EventLevel level = EventLevel.ofDetailType(detailType).orElseThrow(() -> new MalformedJsonException(
        "$.detail-type: not a CodePipeline execution state change: " + detailType));
    JsonObject detail = event.object("detail");
    EventHeader header = header(event, detail);
    ExecutionState state = state(detail, level);
    return switch (level) {
      case PIPELINE -> new PipelineExecutionEvent(header, state,
          detail.optObject("execution-trigger").map(PipelineEvents::trigger),
          detail.optString("stop-execution-comments").filter(s -> !s.isBlank()),
          optInstant(detail, "last-retry-attempt-time"));
      case STAGE -> new StageExecutionEvent(header, detail.string("stage"), state,
          optInstant(detail, "stage-last-retry-attempt-time"));
      case ACTION -> new ActionExecutionEvent(header, detail.string("stage"), detail.string("action"),
          detail.string("action-execution-id"), state, detail.optString("region").filter(s -> !s.isBlank()),
          actionType(detail.object("type")),
          detail.optObject("execution-result").map(PipelineEvents::result).orElse(ExecutionResult.NONE),
          artifacts(detail, "input-artifacts"), artifacts(detail, "output-artifacts"));
    };
  }

  private static EventHeader header(JsonObject event, JsonObject detail) {
    return new EventHeader(
        event.string("id"),
        instant(event, "time"),
        event.string("account"),
        event.string("region"),
        pipelineArn(event),
        detail.string("pipeline"),
        detail.string("execution-id"),
        optInstant(detail, "start-time"),
        wholeNumber(detail, "version").orElse(0L),
        (int) Math.max(1L, wholeNumber(detail, "pipeline-execution-attempt").orElse(1L)));
  }

  private static String pipelineArn(JsonObject event) {
    List<String> resources = event.strings("resources");
    if (resources.isEmpty()) {
      throw new MalformedJsonException("$.resources: missing (expected the pipeline ARN)");
    }
    return resources.stream().filter(r -> r.startsWith("arn:") && r.contains(":codepipeline:")).findFirst()
        .orElseThrow(() -> new MalformedJsonException("$.resources: no CodePipeline pipeline ARN"));
  }

  private static ExecutionState state(JsonObject detail, EventLevel level) {
    String name = detail.string("state");
    return ExecutionState.of(name).filter(s -> ExecutionState.allowedFor(level).contains(s))
        .orElseThrow(() -> new MalformedJsonException(detail.path() + ".state: " + name + " is not a "
            + level.name().toLowerCase(java.util.Locale.ROOT) + " state (expected one of "
            + ExecutionState.allowedFor(level) + ")"));
  }

  private static ExecutionTrigger trigger(JsonObject t) {
    Optional<GitCommit> git = t.optString("commit-id").filter(s -> !s.isBlank()).map(commit -> new GitCommit(
        commit,
        t.optString("commit-message"),
        t.optString("author-display-name").filter(s -> !s.isBlank()).or(() -> t.optString("author-id")),
        t.optString("author-email"),
        optInstant(t, "author-date"),
        t.optString("branch-name").filter(s -> !s.isBlank()),
        t.optString("tag-name").filter(s -> !s.isBlank()),
        t.optString("full-repository-name"),
        t.optString("provider-type"),
        t.optString("connection-arn")));
    return new ExecutionTrigger(t.optString("trigger-type").filter(s -> !s.isBlank()),
        t.optString("trigger-detail").filter(s -> !s.isBlank()), git);
  }

  private static ActionType actionType(JsonObject type) {
    return new ActionType(type.string("owner"), type.string("provider"), type.string("category"),
        type.string("version"));
  }

  private static ExecutionResult result(JsonObject r) {
    return new ExecutionResult(
        r.optString("external-execution-url").filter(s -> !s.isBlank()),
        r.optString("external-execution-summary").filter(s -> !s.isBlank()),
        r.optString("external-execution-id").filter(s -> !s.isBlank()),
        r.optString("error-code").filter(s -> !s.isBlank()));
  }

  private static List<Artifact> artifacts(JsonObject detail, String field) {
    return detail.objects(field).stream().map(a -> {
      Optional<JsonObject> location = a.optObject("s3location");
      return new Artifact(a.string("name"), location.flatMap(l -> l.optString("bucket")),
          location.flatMap(l -> l.optString("key")));
    }).toList();
  }

  private static Instant instant(JsonObject o, String field) {
    return optInstant(o, field).orElseThrow(() -> new MalformedJsonException(o.path() + "." + field + ": missing"));
  }

  private static Optional<Instant> optInstant(JsonObject o, String field) {
    return o.optString(field).filter(s -> !s.isBlank()).map(s -> {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        throw new MalformedJsonException(o.path() + "." + field + ": not an ISO-8601 timestamp");
      }
    });
  }

  /** CodePipeline writes counters as JSON numbers, often floats ({@code "version": 3.0}); negative is bad. */
  private static Optional<Long> wholeNumber(JsonObject o, String field) {
    Optional<Long> n = o.optLong(field);
    if (n.isPresent() && (n.get() < 0 || n.get() > Integer.MAX_VALUE)) {
      throw new MalformedJsonException(o.path() + "." + field + ": expected a whole number >= 0");
    }
    return n;
  }
}
