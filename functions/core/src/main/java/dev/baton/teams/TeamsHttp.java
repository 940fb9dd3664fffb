package dev.baton.teams;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.runtime.RetryBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The one HTTP client of the Teams adapters, over {@link HttpURLConnection} (no HTTP stack to load at cold start):
 * JSON or form POSTs, JSON GETs, an optional bearer token.
 *
 * <p>Retries within a {@link RetryBudget} (attempts and a total time): HTTP 429 and 503 waiting what
 * {@code Retry-After} says (seconds or an HTTP date; given up at once when that wait does not fit the budget), other
 * 5xx, 408, timeouts and connection failures with jittered backoff. Any other status is a {@link TeamsApiException} that is not retryable.
 * URLs and tokens are never logged and never put in an exception message: callers name each call ({@code call}).
 * Thread-safe; build one per process.
 */
public final class TeamsHttp {
  private static final int MAX_ANSWER_BYTES = 1 << 20;
  public static final String JSON = "application/json; charset=utf-8";
  public static final String FORM = "application/x-www-form-urlencoded";

  private final Duration connectTimeout;
  private final RetryBudget retries;
  private final Connector connector;

  /** How a request's connection is opened: the JDK's own, or one answered in the process (priming). */
  @FunctionalInterface
  public interface Connector {
    /** The JDK's own connections: what every client uses outside priming. */
    Connector JDK = uri -> (HttpURLConnection) uri.toURL().openConnection();

    HttpURLConnection open(URI uri) throws IOException;
  }

  /** An answer with a 2xx status. */
  public record Answer(int status, String body) {
    /** The body as a JSON object; an empty body is an empty object. */
    public JsonObject json(String call) {
      if (body.isBlank()) {
        return JsonObject.of(Map.of());
      }
      try {
        return Json.parseObject(body);
      } catch (MalformedJsonException e) {
        throw new TeamsApiException(call, status, "invalid_response", false, Optional.empty(), "the answer is not a "
            + "JSON object");
      }
    }
  }

  private TeamsHttp(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.retries = new RetryBudget("Teams", b.maxAttempts, b.maxTotal, b.readTimeout, b.sleeper, b.nanoClock);
    this.connector = b.connector;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** POSTs {@code body} (of {@code contentType}) to {@code uri}, with {@code Authorization: Bearer} if given. */
  public Answer post(String call, URI uri, String contentType, String body, Optional<String> bearer) {
    return retrying(call, t -> once(call, "POST", uri, contentType, body, bearer, t));
  }

  /** PUTs {@code body} (JSON) to {@code uri} with {@code Authorization: Bearer}: replacing a resource. */
  public Answer put(String call, URI uri, String body, String bearer) {
    return retrying(call, t -> once(call, "PUT", uri, JSON, body, Optional.of(bearer), t));
  }

  /** GETs {@code uri} (JSON documents such as OpenID metadata and key sets). */
  public Answer get(String call, URI uri) {
    return retrying(call, t -> once(call, "GET", uri, null, null, Optional.empty(), t));
  }

  private Answer retrying(String call, Attempt attempt) {
    return retries.run(call, TeamsApiException.class, attempt::run, f -> new RetryBudget.Verdict(f.retryable(),
        f.retryAfterMillis(), f.code(), f.httpStatus()));
  }

  private Answer once(String call, String method, URI uri, String contentType, String body, Optional<String> bearer,
                      int readTimeoutMs) {
    HttpURLConnection c = null;
    try {
      c = connector.open(uri);
      c.setRequestMethod(method);
      c.setConnectTimeout((int) Math.min(connectTimeout.toMillis(), readTimeoutMs));
      c.setReadTimeout(readTimeoutMs);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setRequestProperty("Accept", "application/json");
      bearer.ifPresent(t -> {
        if (t.isBlank()) {
          throw new TeamsApiException(call, 0, "no_token", false, Optional.empty(), "no token to call with");
        }
      });
      if (bearer.isPresent()) {
        c.setRequestProperty("Authorization", "Bearer " + bearer.get());
      }
      if (body != null) {
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", contentType);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        c.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = c.getResponseCode();
      String answer = read(status >= 400 ? c.getErrorStream() : c.getInputStream());
      if (status >= 200 && status < 300) {
        return new Answer(status, answer);
      }
      boolean retryable = status == 429 || status == 408 || status >= 500;
      Optional<Long> retryAfter = status == 429 || status == 503
          ? retryAfterMillis(c.getHeaderField("Retry-After")) : Optional.empty();
      throw new TeamsApiException(call, status, code(status, answer), retryable, retryAfter, message(answer));
    } catch (SocketTimeoutException e) {
      throw new TeamsApiException(call, 0, "timeout", true, Optional.empty(), "no answer in time");
    } catch (IOException e) {
      throw new TeamsApiException(call, 0, "connection_failed", true, Optional.empty(), e.getClass().getSimpleName());
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  /** Microsoft's error answers: {@code {"error": {"code": "...", "message": "..."}}} or {@code {"error": "..."}}. */
  private static String code(int status, String answer) {
    return errorField(answer, "code").orElse("http_" + status);
  }

  private static String message(String answer) {
    return errorField(answer, "message").map(m -> m.length() > 300 ? m.substring(0, 300) + "…" : m).orElse("");
  }

  private static Optional<String> errorField(String answer, String field) {
    String t = answer.trim();
    if (!t.startsWith("{")) {
      return Optional.empty();
    }
    try {
      Object error = Json.parseObject(t).asMap().get("error");
      if (error instanceof String s && field.equals("code")) {
        return Optional.of(s).filter(v -> v.matches("[A-Za-z0-9_.-]{1,80}"));
      }
      if (error instanceof Map<?, ?> m && m.get(field) instanceof String s) {
        return Optional.of(s).filter(v -> !field.equals("code") || v.matches("[A-Za-z0-9_.-]{1,80}"));
      }
      return Optional.empty();
    } catch (MalformedJsonException e) {
      return Optional.empty();
    }
  }

  /** {@code Retry-After}: delay-seconds, or an HTTP date (RFC 9110). */
  static Optional<Long> retryAfterMillis(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.trim();
    try {
      long s = Long.parseLong(h);
      return s < 0 ? Optional.empty() : Optional.of(s * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        long ms = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()
            - System.currentTimeMillis();
        return Optional.of(Math.max(0, ms));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (in) {
      return new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
    }
  }

  @FunctionalInterface
  private interface Attempt {
    Answer run(int readTimeoutMs);
  }

  /** Options for a {@link TeamsHttp}. */
  public static final class Builder {
    private final int maxAttempts = 4;
    private Duration maxTotal = Duration.ofSeconds(10);
    private final Duration connectTimeout = Duration.ofSeconds(2);
    private final Duration readTimeout = Duration.ofSeconds(5);
    private RetryBudget.Sleeper sleeper = Thread::sleep;
    private LongSupplier nanoClock = System::nanoTime;
    private Connector connector = Connector.JDK;

    private Builder() {}

    /** How connections are opened (default {@link Connector#JDK}); priming answers them in the process. */
    public Builder connector(Connector connector) {
      this.connector = Objects.requireNonNull(connector, "connector");
      return this;
    }

    /** The most one call may take, waits and retries included (default 10 s). */
    public Builder maxTotal(Duration total) {
      this.maxTotal = Objects.requireNonNull(total, "total");
      return this;
    }

    /** How to wait between attempts (default {@link Thread#sleep}); tests record the waits instead. */
    public Builder sleeper(RetryBudget.Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    Builder nanoClock(LongSupplier clock) {
      this.nanoClock = clock;
      return this;
    }

    public TeamsHttp build() {
      return new TeamsHttp(this);
    }
  }
}
