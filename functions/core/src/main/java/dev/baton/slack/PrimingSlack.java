package dev.baton.slack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack answered in the process, for priming: a {@link SlackClient.Connector} whose connections never connect. The
 * client writes its request and reads an {@code ok:true} answer with the fields Baton reads (channel, ts, the
 * priming user as the only member of any user group, a view id) exactly as it would Slack's, and nothing leaves
 * the process. Each request answered is recorded by what it called ({@link #operations}).
 */
public final class PrimingSlack implements SlackClient.Connector {
  static final String ANSWER = "{\"ok\":true,\"channel\":\"C0PRIMING\",\"ts\":\"0000000000.000001\","
      + "\"message_ts\":\"0000000000.000001\",\"users\":[\"U0PRIMING\"],\"view\":{\"id\":\"V0PRIMING\"}}";

  /** A Web API method's name, the last segment of its URL: {@code chat.postMessage}, {@code usergroups.users.list}. */
  private static final java.util.regex.Pattern METHOD = java.util.regex.Pattern.compile("[a-z]+(\\.[a-zA-Z]+)+");

  private final AtomicInteger answered = new AtomicInteger();
  private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

  /** How many requests were answered. */
  public int answered() {
    return answered.get();
  }

  /**
   * What was called, oldest first: {@code slack:chat.postMessage} for a Web API method, {@code slack:<host>/<first
   * path segment>} for anything else (a {@code response_url}: {@code slack:hooks.slack.com/actions}; an incoming
   * webhook: {@code slack:hooks.slack.com/services}).
   */
  public List<String> operations() {
    synchronized (operations) {
      return List.copyOf(operations);
    }
  }

  static String operation(URL url) {
    String[] segments = url.getPath().split("/");
    String last = segments.length > 0 ? segments[segments.length - 1] : "";
    if (METHOD.matcher(last).matches()) {   // whatever the base URL (BATON_SLACK_API_URL)
      return "slack:" + last;
    }
    return "slack:" + url.getHost() + "/" + (segments.length > 1 ? segments[1] : "");
  }

  @Override
  public HttpURLConnection open(URI uri) throws java.net.MalformedURLException {
    return new Answering(uri.toURL());
  }

  private final class Answering extends HttpURLConnection {
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    Answering(URL url) {
      super(url);
    }

    @Override
    public void connect() {
      connected = true;
    }

    @Override
    public OutputStream getOutputStream() {
      connect();
      return sent;
    }

    @Override
    public int getResponseCode() {
      connect();
      return HTTP_OK;
    }

    @Override
    public InputStream getInputStream() {
      answered.incrementAndGet();
      operations.add(operation(url));
      return new ByteArrayInputStream(ANSWER.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public InputStream getErrorStream() {
      return null;
    }

    @Override
    public String getHeaderField(String name) {
      return null;
    }

    @Override
    public void disconnect() {
      connected = false;
    }

    @Override
    public boolean usingProxy() {
      return false;
    }
  }
}
