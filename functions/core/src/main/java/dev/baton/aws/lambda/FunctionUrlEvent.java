package dev.baton.aws.lambda;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Lambda Function URL request (payload format 2.0: {@code version, rawPath, rawQueryString, headers,
 * requestContext.http.method, body, isBase64Encoded}), with the body as the exact bytes the client sent, and the
 * response format the URL expects back ({@code statusCode, headers, body}).
 */
public record FunctionUrlEvent(String method, String path, Map<String, String> headers, byte[] body) {
  /** True for an event that came through a Function URL (or an HTTP API with payload 2.0). */
  public static boolean is(JsonObject event) {
    return event.asMap().get("requestContext") instanceof Map<?, ?> rc && rc.get("http") instanceof Map;
  }

  public static FunctionUrlEvent parse(JsonObject event) {
    JsonObject http = event.object("requestContext").object("http");
    Map<String, String> headers = new LinkedHashMap<>();
    event.optObject("headers").ifPresent(h -> {
      for (String k : h.keys()) {
        h.optString(k).ifPresent(v -> headers.put(k.toLowerCase(Locale.ROOT), v));
      }
    });
    String raw = event.optString("body").orElse("");
    byte[] body;
    if (event.optBoolean("isBase64Encoded").orElse(false)) {
      try {
        body = Base64.getDecoder().decode(raw);
      } catch (IllegalArgumentException e) {
        throw new MalformedJsonException("$.body: isBase64Encoded is true but the body is not base64");
      }
    } else {
      body = raw.getBytes(StandardCharsets.UTF_8);
    }
    return new FunctionUrlEvent(http.optString("method").orElse("").toUpperCase(Locale.ROOT),
        event.optString("rawPath").orElse(http.optString("path").orElse("/")), Map.copyOf(headers), body);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** A response for the Function URL: status, and a JSON body (or none). */
  public static String response(int status, Optional<Object> jsonBody) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("statusCode", status);
    if (jsonBody.isPresent()) {
      r.put("headers", Map.of("Content-Type", "application/json"));
      r.put("body", Json.write(jsonBody.get()));
    } else {
      r.put("body", "");
    }
    r.put("isBase64Encoded", false);
    return Json.write(r);
  }
}
