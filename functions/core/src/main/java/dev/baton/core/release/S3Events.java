package dev.baton.core.release;

import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the uploads out of an event in either shape S3 sends: EventBridge {@code Object Created} (key as is) or a
 * classic S3 notification with {@code Records[]} (key URL-encoded, spaces as {@code +}). Multipart and copy uploads
 * are uploads like any other. Events that are S3's but not about a new object (a deletion, the test event S3 sends
 * when a notification is configured) give no uploads; anything else is a {@link MalformedJsonException}.
 */
public final class S3Events {
  private S3Events() {}

  public static List<S3Object> uploads(JsonObject event) {
    if (event.has("detail-type") || event.has("detail")) {
      return fromEventBridge(event);
    }
    if (event.has("Records")) {
      return fromNotification(event);
    }
    if ("s3:TestEvent".equals(event.optString("Event").orElse(null))) {
      return List.of();
    }
    throw new MalformedJsonException("$: not an S3 event: expected an EventBridge event with detail-type "
        + "\"Object Created\" or an S3 notification with Records[]");
  }

  private static List<S3Object> fromEventBridge(JsonObject event) {
    String source = event.string("source");
    if (!source.equals("aws.s3")) {
      throw new MalformedJsonException("$.source: expected aws.s3, found " + source);
    }
    if (!event.string("detail-type").equals("Object Created")) {
      return List.of();
    }
    JsonObject detail = event.object("detail");
    JsonObject object = detail.object("object");
    return List.of(new S3Object(
        detail.object("bucket").string("name"),
        object.string("key"),
        object.optString("version-id"),
        object.optString("etag").orElse(""),
        object.optString("sequencer").orElse(""),
        object.optLong("size").orElse(0L),
        detail.optString("reason").orElse("")));
  }

  private static List<S3Object> fromNotification(JsonObject event) {
    List<JsonObject> records = event.objects("Records");
    if (records.isEmpty()) {
      throw new MalformedJsonException("$.Records: empty");
    }
    List<S3Object> out = new ArrayList<>();
    for (JsonObject record : records) {
      String source = record.string("eventSource");
      if (!source.equals("aws:s3")) {
        throw new MalformedJsonException(record.path() + ".eventSource: expected aws:s3, found " + source);
      }
      String name = record.string("eventName");
      if (!name.startsWith("ObjectCreated:")) {
        continue;
      }
      JsonObject s3 = record.object("s3");
      JsonObject object = s3.object("object");
      out.add(new S3Object(
          s3.object("bucket").string("name"),
          decodeKey(object.string("key"), object.path()),
          object.optString("versionId"),
          object.optString("eTag").orElse(""),
          object.optString("sequencer").orElse(""),
          object.optLong("size").orElse(0L),
          reasonOf(name)));
    }
    return out;
  }

  private static String decodeKey(String encoded, String path) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MalformedJsonException(path + ".key: not URL-encoded as S3 encodes keys");
    }
  }

  /** The notification's event name in the words EventBridge uses (ObjectCreated:Put -> PutObject). */
  private static String reasonOf(String eventName) {
    return switch (eventName) {
      case "ObjectCreated:Put" -> "PutObject";
      case "ObjectCreated:Post" -> "PostObject";
      case "ObjectCreated:Copy" -> "CopyObject";
      case "ObjectCreated:CompleteMultipartUpload" -> "CompleteMultipartUpload";
      default -> Optional.of(eventName).map(n -> n.substring(n.indexOf(':') + 1)).get();
    };
  }
}
