package dev.baton.slack;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.runtime.FormBody;
import dev.baton.core.runtime.RetryBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A small Slack Web API client over {@link HttpURLConnection} (no HTTP stack to load at cold start). JSON bodies,
 * bot-token auth ({@code Authorization: Bearer}), the API base URL from {@code BATON_SLACK_API_URL} (default
 * {@code https://slack.com/api/}).
 *
 * <p>Retries, bounded by attempts and by a total time budget: HTTP 429 (waiting what {@code Retry-After} says, or
 * giving up at once when that wait does not fit the budget), Slack's 5xx, {@code ok:false} with a transient code
 * ({@code ratelimited}, {@code internal_error}, {@code service_unavailable}, {@code request_timeout}), timeouts and
 * connection failures. Everything else surfaces as a {@link SlackApiException} carrying Slack's error code.
 *
 * <p>The bot token, response URLs and webhook URLs are never logged and never put in an exception message.
 * Thread-safe; build one per process.
 */
public final class SlackClient {
  /** The environment variable naming the Web API base URL. */
  public static final String API_URL_ENV = "BATON_SLACK_API_URL";
  public static final String DEFAULT_API_URL = "https://slack.com/api/";
  /** The {@link SlackApiException#method()} of posts to a response_url or an incoming webhook. */
  public static final String RESPONSE_URL = "response_url";

  private static final Set<String> TRANSIENT = Set.of("ratelimited", "rate_limited", "internal_error",
      "service_unavailable", "request_timeout");
  /** Slack may have done part of the work: the caller decides whether to repeat it. */
  private static final Set<String> RETRYABLE_NOT_REPEATED = Set.of("fatal_error");
  private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9_]{2,64}");
  private static final int MAX_ANSWER_BYTES = 1 << 20;
  private static final String JSON = "application/json; charset=utf-8";
  private static final String FORM = "application/x-www-form-urlencoded";

  private final String baseUrl;
  private final Supplier<String> token;
  private final int maxAttempts;
  private final Duration maxTotal;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Sleeper sleeper;
  private final LongSupplier nanoClock;
  private final RetryBudget retries;
  private final Connector connector;

  /** Opens the connection for one attempt (the JDK's {@code HttpURLConnection}, unless priming). */
  @FunctionalInterface
  public interface Connector {
    /** The JDK's own connections: what every client uses outside priming. */
    Connector JDK = uri -> (HttpURLConnection) uri.toURL().openConnection();

    HttpURLConnection open(URI uri) throws IOException;
  }

  private SlackClient(Builder b) {
    this.baseUrl = b.baseUrl.endsWith("/") ? b.baseUrl : b.baseUrl + "/";
    this.token = b.token;
    this.maxAttempts = b.maxAttempts;
    this.maxTotal = b.maxTotal;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.sleeper = b.sleeper;
    this.nanoClock = b.nanoClock;
    this.retries = new RetryBudget("Slack", maxAttempts, maxTotal, readTimeout, sleeper::sleep, nanoClock);
    this.connector = b.connector;
  }

  /** A client whose bot token comes from {@code botToken} (asked on every call: a cached secret may rotate). */
  public static Builder builder(Supplier<String> botToken) {
    return new Builder(botToken);
  }

  /** A client with the base URL from {@code BATON_SLACK_API_URL} and the default retry budget. */
  public static SlackClient fromEnvironment(Supplier<String> botToken) {
    return builder(botToken).build();
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** chat.postMessage: posts {@code text} (the notification fallback) with Block Kit {@code blocks}. */
  public PostedMessage postMessage(String channel, String text, List<?> blocks) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", channel);
    body.put("text", text);
    if (blocks != null && !blocks.isEmpty()) {
      body.put("blocks", blocks);
    }
    return postMessage(body);
  }

  /** chat.postMessage with a complete body (channel, text, blocks, thread_ts, metadata, ...). */
  public PostedMessage postMessage(Map<String, Object> message) {
    JsonObject answer = call("chat.postMessage", message);
    return new PostedMessage(answer.string("channel"), answer.string("ts"));
  }

  /** chat.update: replaces the text and blocks of the message at {@code channel}/{@code ts}. */
  public PostedMessage update(String channel, String ts, String text, List<?> blocks) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", channel);
    body.put("ts", ts);
    body.put("text", text);
    body.put("blocks", blocks == null ? List.of() : blocks);
    JsonObject answer = call("chat.update", body);
    return new PostedMessage(answer.optString("channel").orElse(channel), answer.optString("ts").orElse(ts));
  }

  /** chat.postEphemeral: a message only {@code user} sees in {@code channel}; returns its message_ts. */
  public String postEphemeral(String channel, String user, String text, List<?> blocks) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", channel);
    body.put("user", user);
    body.put("text", text);
    if (blocks != null && !blocks.isEmpty()) {
      body.put("blocks", blocks);
    }
    return call("chat.postEphemeral", body).optString("message_ts").orElse("");
  }

  /** views.open: opens a modal for the interaction that gave {@code triggerId}; returns the view id. */
  public String openView(String triggerId, Map<String, Object> view) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("trigger_id", triggerId);
    body.put("view", view);
    return call("views.open", body).optObject("view").flatMap(v -> v.optString("id")).orElse("");
  }

  /**
   * Posts {@code body} to an interaction's {@code response_url} or to an incoming webhook URL ({@code text},
   * {@code blocks}, {@code replace_original}, {@code response_type}, ...). No bot token is sent: the URL is the
   * credential, so it is never logged.
   */
  public void respond(String url, Map<String, Object> body) {
    Objects.requireNonNull(url, "url");
    URI uri = URI.create(url);
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("a response_url must be an http(s) URL");
    }
    String json = Json.write(body);
    retrying(RESPONSE_URL, t -> once(RESPONSE_URL, uri, JSON, json, false, t));
  }

  /**
   * Calls any Web API method with a JSON body and returns Slack's answer once it is {@code ok:true}.
   *
   * @throws SlackApiException when Slack says {@code ok:false}, or the call fails beyond its retries
   */
  public JsonObject call(String method, Map<String, Object> body) {
    if (!ERROR_CODE.matcher(method.replace(".", "_").toLowerCase(java.util.Locale.ROOT)).matches()) {
      throw new IllegalArgumentException("not a Slack method name: " + method);
    }
    URI uri = URI.create(baseUrl + method);
    String json = Json.write(body);
    return retrying(method, t -> once(method, uri, JSON, json, true, t));
  }

  /**
   * Calls a Web API method with form-encoded arguments (what Slack's read methods, such as
   * {@code usergroups.users.list}, take) and returns the answer once it is {@code ok:true}.
   */
  public JsonObject callForm(String method, Map<String, String> arguments) {
    if (!ERROR_CODE.matcher(method.replace(".", "_").toLowerCase(java.util.Locale.ROOT)).matches()) {
      throw new IllegalArgumentException("not a Slack method name: " + method);
    }
    String form = FormBody.encode(arguments);
    URI uri = URI.create(baseUrl + method);
    return retrying(method, t -> once(method, uri, FORM, form, true, t));
  }

  private JsonObject retrying(String method, Attempt attempt) {
    return retries.run(method, SlackApiException.class, attempt::run, f -> new RetryBudget.Verdict(
        f.retryable() && !RETRYABLE_NOT_REPEATED.contains(f.error()), f.retryAfterSeconds().map(sec -> sec * 1000),
        f.error(), f.httpStatus()));
  }

  private JsonObject once(String method, URI uri, String contentType, String body, boolean api, int readTimeoutMs) {
    HttpURLConnection c = null;
    try {
      c = connector.open(uri);
      c.setRequestMethod("POST");
      c.setConnectTimeout((int) Math.min(connectTimeout.toMillis(), readTimeoutMs));
      c.setReadTimeout(readTimeoutMs);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", contentType);
      c.setRequestProperty("Accept", "application/json");
      if (api) {
        String t = token.get();
        if (t == null || t.isBlank()) {
          throw new SlackApiException(method, "no_bot_token", false, 0, Optional.empty(),
              "no Slack bot token is configured");
        }
        c.setRequestProperty("Authorization", "Bearer " + t);
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      c.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(bytes);
      }
      int status = c.getResponseCode();
      String answer = read(status >= 400 ? c.getErrorStream() : c.getInputStream());
      return interpret(method, api, status, answer, c.getHeaderField("Retry-After"));
    } catch (SocketTimeoutException e) {
      throw new SlackApiException(method, "timeout", true, 0, Optional.empty(), "no answer in time");
    } catch (IOException e) {
      // The exception text may hold the URL (a response_url is a credential): only its type is kept.
      throw new SlackApiException(method, "unreachable", true, 0, Optional.empty(), e.getClass().getSimpleName());
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  private static JsonObject interpret(String method, boolean api, int status, String answer, String retryAfter) {
    if (status == 429) {
      throw new SlackApiException(method, "ratelimited", true, status, parseRetryAfter(retryAfter), null);
    }
    Optional<JsonObject> json = parse(answer);
    if (status >= 500) {
      throw new SlackApiException(method, json.flatMap(j -> j.optString("error")).orElse("http_" + status), true,
          status, Optional.empty(), null);
    }
    if (status >= 300) {
      String code = json.flatMap(j -> j.optString("error")).or(() -> plainCode(answer)).orElse("http_" + status);
      throw new SlackApiException(method, code, false, status, Optional.empty(), null);
    }
    if (json.isEmpty()) {
      if (!api && "ok".equalsIgnoreCase(answer.trim()) || !api && answer.isBlank()) {
        return JsonObject.of(Map.of("ok", true));
      }
      throw new SlackApiException(method, "invalid_response", false, status, Optional.empty(),
          "the answer is not JSON");
    }
    JsonObject o = json.get();
    if (o.optBoolean("ok").orElse(!api)) {
      return o;
    }
    String error = o.optString("error").filter(e -> !e.isBlank()).orElse("unknown_error");
    boolean retryable = TRANSIENT.contains(error) || RETRYABLE_NOT_REPEATED.contains(error);
    throw new SlackApiException(method, error, retryable, status, Optional.empty(), details(o));
  }

  /** What Slack adds to an error that helps fix it: the scope needed, or the response_metadata messages. */
  private static String details(JsonObject o) {
    StringBuilder sb = new StringBuilder();
    o.optString("needed").ifPresent(n -> sb.append("needed scope ").append(n));
    o.optObject("response_metadata").ifPresent(m -> {
      try {
        List<String> messages = m.strings("messages");
        if (!messages.isEmpty()) {
          sb.append(sb.length() == 0 ? "" : "; ").append(String.join("; ", messages));
        }
      } catch (MalformedJsonException ignored) {
        // not the documented shape; the code alone must do
      }
    });
    return sb.toString();
  }

  private static Optional<JsonObject> parse(String answer) {
    String t = answer.trim();
    if (!t.startsWith("{")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.parseObject(t));
    } catch (MalformedJsonException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> plainCode(String answer) {
    String t = answer.trim();
    return ERROR_CODE.matcher(t).matches() ? Optional.of(t) : Optional.empty();
  }

  static Optional<Long> parseRetryAfter(String header) {
    if (header == null) {
      return Optional.empty();
    }
    try {
      long s = Long.parseLong(header.trim());
      return s < 0 ? Optional.empty() : Optional.of(s);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (in) {
      byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  @FunctionalInterface
  private interface Attempt {
    JsonObject run(int readTimeoutMs);
  }

  /** How the client waits between attempts (replaced in tests so they need not sleep). */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /** Options for a {@link SlackClient}. */
  public static final class Builder {
    private final Supplier<String> token;
    private String baseUrl = Optional.ofNullable(System.getenv(API_URL_ENV)).filter(v -> !v.isBlank())
        .orElse(DEFAULT_API_URL);
    private int maxAttempts = 4;
    private Duration maxTotal = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration readTimeout = Duration.ofSeconds(5);
    private Sleeper sleeper = Thread::sleep;
    private LongSupplier nanoClock = System::nanoTime;
    private Connector connector = Connector.JDK;

    private Builder(Supplier<String> token) {
      this.token = Objects.requireNonNull(token, "botToken");
    }

    /** The Web API base URL; default {@code BATON_SLACK_API_URL}, else {@code https://slack.com/api/}. */
    public Builder baseUrl(String url) {
      this.baseUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** Attempts per call, the first included (default 4). */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The most one call may take, waits and retries included (default 10 s). */
    public Builder maxTotal(Duration total) {
      this.maxTotal = Objects.requireNonNull(total, "total");
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long one attempt waits for Slack's answer (default 5 s; never more than the budget left). */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    Builder nanoClock(LongSupplier clock) {
      this.nanoClock = clock;
      return this;
    }

    /** How each attempt connects (default: the JDK's {@code HttpURLConnection}; priming: {@link PrimingSlack}). */
    public Builder connector(Connector connector) {
      this.connector = Objects.requireNonNull(connector, "connector");
      return this;
    }

    public SlackClient build() {
      return new SlackClient(this);
    }
  }
}
