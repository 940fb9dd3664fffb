package dev.baton.core.alerts;

import dev.baton.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an execution built: a Git commit (from the event's trigger detail or the execution's source revisions), the
 * S3 object a Baton release started it with (the release link item), or a bare source revision.
 */
public sealed interface Provenance permits Provenance.Commit, Provenance.S3Upload, Provenance.Revision {

  /** One line for people: {@code commit 9fceb02 on main by Mary Major: "Retry card ..."}. */
  String describe();

  Map<String, Object> toMap();

  static Provenance fromMap(JsonObject m) {
    return switch (m.string("type")) {
      case "commit" -> new Commit(m.string("id"), m.optString("message"), m.optString("author"), m.optString("branch"),
          m.optString("tag"), m.optString("repository"), m.optString("url"));
      case "s3" -> new S3Upload(m.string("bucket"), m.string("key"), m.optString("versionId"), m.optString("rule"));
      case "revision" -> new Revision(m.string("source"), m.string("id"), m.optString("summary"), m.optString("url"));
      default -> throw new IllegalArgumentException("unknown provenance type " + m.string("type"));
    };
  }

  /** A Git commit. */
  record Commit(String id, Optional<String> message, Optional<String> author, Optional<String> branch,
                Optional<String> tag, Optional<String> repository, Optional<String> url) implements Provenance {
    public String shortId() {
      return id.length() > 7 && id.matches("[0-9a-f]+") ? id.substring(0, 7) : id;
    }

    @Override
    public String describe() {
      StringBuilder sb = new StringBuilder("commit ").append(shortId());
      repository.ifPresent(r -> sb.append(" in ").append(r));
      tag.map(t -> " tag " + t).or(() -> branch.map(b -> " on " + b)).ifPresent(sb::append);
      author.ifPresent(a -> sb.append(" by ").append(a));
      message.map(Provenance::firstLine).ifPresent(m -> sb.append(": \"").append(m).append('"'));
      return sb.toString();
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "commit");
      m.put("id", id);
      message.ifPresent(v -> m.put("message", v));
      author.ifPresent(v -> m.put("author", v));
      branch.ifPresent(v -> m.put("branch", v));
      tag.ifPresent(v -> m.put("tag", v));
      repository.ifPresent(v -> m.put("repository", v));
      url.ifPresent(v -> m.put("url", v));
      return m;
    }
  }

  /** The uploaded object a Baton release rule started the execution with. */
  record S3Upload(String bucket, String key, Optional<String> versionId, Optional<String> rule) implements Provenance {
    @Override
    public String describe() {
      return "s3://" + bucket + "/" + key + versionId.map(v -> " (version " + v + ")").orElse("")
          + rule.map(r -> ", release rule " + r).orElse("");
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "s3");
      m.put("bucket", bucket);
      m.put("key", key);
      versionId.ifPresent(v -> m.put("versionId", v));
      rule.ifPresent(v -> m.put("rule", v));
      return m;
    }
  }

  /** A source revision CodePipeline recorded that is not known to be a commit (an S3 version, an image digest). */
  record Revision(String source, String id, Optional<String> summary, Optional<String> url) implements Provenance {
    @Override
    public String describe() {
      return source + " revision " + id + summary.map(Provenance::firstLine).map(s -> ": \"" + s + "\"").orElse("");
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "revision");
      m.put("source", source);
      m.put("id", id);
      summary.ifPresent(v -> m.put("summary", v));
      url.ifPresent(v -> m.put("url", v));
      return m;
    }
  }

  private static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    String line = nl < 0 ? t : t.substring(0, nl).strip();
    return line.length() > 120 ? line.substring(0, 119) + "…" : line;
  }
}
