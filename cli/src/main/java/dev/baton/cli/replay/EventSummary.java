package dev.baton.cli.replay;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A few words telling which event a parked message holds: the pipeline, execution, stage/action and state of a
 * CodePipeline event, the S3 object of an upload, the approval of an SNS notification, the approval a callback was
 * finishing. Lenient by design: a malformed event (often the very reason it was parked) is shown as the start of
 * its JSON.
 */
final class EventSummary {
  private static final int RAW = 60;

  private EventSummary() {}

  static String of(String payload) {
    try {
      JsonObject event = Json.parseObject(payload);
      return known(event).orElseGet(() -> raw(payload));
    } catch (MalformedJsonException | ClassCastException | IllegalArgumentException e) {
      return raw(payload);
    }
  }

  private static Optional<String> known(JsonObject e) {
    if (e.has("detail-type") && e.optObject("detail").isPresent()) {
      return Optional.of(eventBridge(e, e.object("detail")));
    }
    List<JsonObject> records = e.objects("Records");
    if (!records.isEmpty()) {
      JsonObject first = records.getFirst();
      String more = records.size() > 1 ? " (+" + (records.size() - 1) + " more)" : "";
      if (first.optObject("s3").isPresent()) {
        JsonObject s3 = first.object("s3");
        String key = s3.optObject("object").flatMap(o -> o.optString("key")).orElse("?");
        return Optional.of(first.optString("eventName").orElse("S3") + " s3://"
            + s3.optObject("bucket").flatMap(b -> b.optString("name")).orElse("?") + "/"
            + URLDecoder.decode(key, StandardCharsets.UTF_8) + more);
      }
      if (first.optObject("Sns").isPresent()) {
        return Optional.of(sns(first.object("Sns")) + more);
      }
    }
    return e.optObject("batonFinish").map(f -> "finish approval " + f.optString("approvalId").orElse("?"));
  }

  private static String eventBridge(JsonObject e, JsonObject d) {
    if ("aws.codepipeline".equals(e.optString("source").orElse(""))) {
      String level = e.string("detail-type").replace("CodePipeline ", "").replace(" Execution State Change", "")
          .toLowerCase(java.util.Locale.ROOT);
      String execution = d.optString("execution-id").map(x -> x.length() > 8 ? x.substring(0, 8) : x).orElse("?");
      String where = d.optString("stage").map(s -> " " + s + d.optString("action").map(a -> "/" + a).orElse(""))
          .orElse("");
      return level + " " + d.optString("state").orElse("?") + " " + d.optString("pipeline").orElse("?") + " "
          + execution + where;
    }
    if ("aws.s3".equals(e.optString("source").orElse(""))) {
      return e.string("detail-type") + " s3://" + d.optObject("bucket").flatMap(b -> b.optString("name")).orElse("?")
          + "/" + d.optObject("object").flatMap(o -> o.optString("key")).orElse("?");
    }
    return e.optString("source").orElse("?") + " " + e.string("detail-type");
  }

  private static String sns(JsonObject sns) {
    String message = sns.optString("Message").orElse("");
    try {
      Optional<JsonObject> approval = Json.parseObject(message).optObject("approval");
      if (approval.isPresent()) {
        JsonObject a = approval.get();
        return "approval " + a.optString("pipelineName").orElse("?") + "/" + a.optString("stageName").orElse("?")
            + "/" + a.optString("actionName").orElse("?");
      }
    } catch (MalformedJsonException e) {
      // not JSON: shown by its subject below
    }
    String topic = sns.optString("TopicArn").map(t -> t.substring(t.lastIndexOf(':') + 1)).orElse("?");
    return "SNS " + topic + sns.optString("Subject").map(s -> ": " + s).orElse("");
  }

  private static String raw(String payload) {
    String flat = payload.strip().replaceAll("\\s+", " ");
    return flat.length() <= RAW ? flat : flat.substring(0, RAW - 1) + "…";
  }
}
