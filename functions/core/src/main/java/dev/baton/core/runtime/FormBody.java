package dev.baton.core.runtime;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body: {@code k=v&k=v} in the map's order, names and values
 * percent-encoded as UTF-8 (a space as {@code +}). What Slack's Web API form methods, OAuth 2.0 token endpoints and
 * Slack's own interaction and slash-command posts carry.
 */
public final class FormBody {
  private FormBody() {}

  public static String encode(Map<String, ?> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
        .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)));
    return body.toString();
  }
}
