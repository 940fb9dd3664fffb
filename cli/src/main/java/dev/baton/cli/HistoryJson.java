package dev.baton.cli;

import dev.baton.core.history.ActionFailure;
import dev.baton.core.history.ActionRecord;
import dev.baton.core.history.DoraReport;
import dev.baton.core.history.ExecutionDetail;
import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.history.PromotionLink;
import dev.baton.core.history.ReleaseLink;
import dev.baton.core.history.StageRecord;
import dev.baton.core.history.Transition;
import dev.baton.core.pipeline.GitCommit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The history as JSON for scripts ({@code --json}): ISO-8601 times, durations in seconds, absent fields left out. */
final class HistoryJson {
  private HistoryJson() {}

  static Map<String, Object> execution(ExecutionRecord e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pipeline", e.pipeline());
    m.put("executionId", e.executionId());
    m.put("partial", e.partial());
    put(m, "status", e.status().map(Enum::name));
    m.put("attempt", e.attempt());
    put(m, "startTime", e.startTime());
    put(m, "endTime", e.endTime());
    put(m, "durationSeconds", e.duration().map(Duration::toSeconds));
    put(m, "triggerType", e.triggerType());
    put(m, "triggerDetail", e.triggerDetail());
    e.commit().ifPresent(c -> m.put("commit", commit(c)));
    put(m, "stopComments", e.stopComments());
    put(m, "failedStage", e.failedStage());
    e.failure().ifPresent(f -> m.put("failure", failure(f)));
    m.put("transitions", transitions(e.transitions()));
    return m;
  }

  static Map<String, Object> detail(ExecutionDetail d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pipeline", d.pipeline());
    m.put("executionId", d.executionId());
    m.put("partial", d.execution().map(ExecutionRecord::partial).orElse(true));
    d.execution().ifPresent(e -> m.put("execution", execution(e)));
    d.release().ifPresent(r -> m.put("release", release(r)));
    d.promotion().ifPresent(p -> m.put("promotion", promotion(p)));
    m.put("stages", d.stages().stream().map(HistoryJson::stage).toList());
    m.put("actions", d.actions().stream().map(HistoryJson::action).toList());
    return m;
  }

  static Map<String, Object> dora(DoraReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", r.from().toString());
    m.put("to", r.to().toString());
    m.put("days", r.days());
    m.put("overall", metrics(r.overall()));
    Map<String, Object> pipelines = new LinkedHashMap<>();
    r.pipelines().forEach((p, x) -> pipelines.put(p, metrics(x)));
    m.put("pipelines", pipelines);
    return m;
  }

  private static Map<String, Object> metrics(DoraReport.Metrics x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deployments", x.deployments());
    m.put("deploymentsPerDay", x.deploymentsPerDay());
    m.put("failures", x.failures());
    m.put("otherEnded", x.otherEnded());
    x.leadTime().ifPresent(l -> {
      Map<String, Object> lead = new LinkedHashMap<>();
      lead.put("medianSeconds", l.median().toSeconds());
      lead.put("p90Seconds", l.p90().toSeconds());
      lead.put("samples", l.samples());
      lead.put("fromCommit", l.fromCommit());
      lead.put("fromUpload", l.fromUpload());
      lead.put("fromStart", l.fromStart());
      m.put("leadTime", lead);
    });
    put(m, "changeFailureRate", x.changeFailureRate());
    put(m, "timeToRestoreMedianSeconds", x.timeToRestore().map(Duration::toSeconds));
    m.put("restored", x.restored());
    m.put("unrestored", x.unrestored());
    return m;
  }

  private static Map<String, Object> stage(StageRecord s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", s.stage());
    m.put("status", s.status().name());
    m.put("attempt", s.attempt());
    put(m, "startedAt", s.firstSeen());
    put(m, "endedAt", s.endedAt());
    put(m, "durationSeconds", s.duration().map(Duration::toSeconds));
    m.put("transitions", transitions(s.transitions()));
    return m;
  }

  private static Map<String, Object> action(ActionRecord a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", a.stage());
    m.put("action", a.action());
    m.put("actionExecutionId", a.actionExecutionId());
    m.put("attempt", a.attempt());
    m.put("status", a.status().name());
    m.put("owner", a.type().owner());
    m.put("provider", a.type().provider());
    m.put("category", a.type().category());
    put(m, "region", a.region());
    put(m, "startedAt", a.firstSeen());
    put(m, "endedAt", a.endedAt());
    put(m, "durationSeconds", a.duration().map(Duration::toSeconds));
    put(m, "externalExecutionUrl", a.result().externalExecutionUrl());
    put(m, "externalExecutionId", a.result().externalExecutionId());
    put(m, "externalExecutionSummary", a.result().externalExecutionSummary());
    put(m, "errorCode", a.result().errorCode());
    if (!a.inputArtifacts().isEmpty()) {
      m.put("inputArtifacts", a.inputArtifacts());
    }
    if (!a.outputArtifacts().isEmpty()) {
      m.put("outputArtifacts", a.outputArtifacts());
    }
    m.put("transitions", transitions(a.transitions()));
    return m;
  }

  private static Map<String, Object> promotion(PromotionLink p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sourcePipeline", p.sourcePipeline());
    m.put("sourceExecutionId", p.sourceExecutionId());
    m.put("rule", p.rule());
    m.put("requestedAt", p.requestedAt().toString());
    m.put("revisions", p.revisions());
    m.put("variables", p.variables());
    put(m, "branch", p.branch());
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("kind", p.origin().kind().name().toLowerCase(java.util.Locale.ROOT));
    change.put("at", p.origin().at().toString());
    change.put("ref", p.origin().ref());
    m.put("change", change);
    return m;
  }

  private static Map<String, Object> release(ReleaseLink r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s3Url", r.s3Url());
    m.put("bucket", r.bucket());
    m.put("key", r.key());
    put(m, "versionId", r.versionId());
    m.put("rule", r.rule());
    m.put("requestedAt", r.requestedAt().toString());
    m.put("variables", r.variables());
    r.requestedBy().ifPresent(id -> {
      Map<String, Object> by = new LinkedHashMap<>();
      by.put("slackUser", id);
      r.requestedByName().ifPresent(n -> by.put("name", n));
      m.put("requestedBy", by);
    });
    return m;
  }

  private static Map<String, Object> failure(ActionFailure f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", f.stage());
    m.put("action", f.action());
    m.put("category", f.category());
    m.put("provider", f.provider());
    m.put("attempt", f.attempt());
    m.put("at", f.at().toString());
    put(m, "errorCode", f.errorCode());
    put(m, "summary", f.summary());
    put(m, "url", f.url());
    return m;
  }

  private static Map<String, Object> commit(GitCommit c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.commitId());
    put(m, "message", c.message());
    put(m, "author", c.author());
    put(m, "authoredAt", c.authorDate());
    put(m, "branch", c.branch());
    put(m, "tag", c.tag());
    put(m, "repository", c.repository());
    return m;
  }

  private static List<Map<String, Object>> transitions(List<Transition> ts) {
    return ts.stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("state", t.state().name());
      m.put("attempt", t.attempt());
      m.put("time", t.time().toString());
      return m;
    }).toList();
  }

  private static void put(Map<String, Object> m, String name, Optional<?> value) {
    value.ifPresent(v -> m.put(name, v instanceof Number || v instanceof String ? v : v.toString()));
  }
}
