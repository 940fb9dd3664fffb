package dev.baton.slack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack answered in the process, for priming: a {@link SlackClient.Connector} whose connections never connect. The
 * client writes its request and reads an {@code ok:true} answer with the fields Baton reads (channel, ts, the
 * priming user as the only member of any user group, a view id) exactly as it would Slack's, and nothing leaves
 * the process.
 */
public final class PrimingSlack implements SlackClient.Connector {
  static final String ANSWER = "{\"ok\":true,\"channel\":\"C0PRIMING\",\"ts\":\"0000000000.000001\","
      + "\"message_ts\":\"0000000000.000001\",\"users\":[\"U0PRIMING\"],\"view\":{\"id\":\"V0PRIMING\"}}";

  private final AtomicInteger answered = new AtomicInteger();

  /** A client for {@code SlackClient.builder(token)} options, answered here. */
  public static SlackClient client(PrimingSlack slack) {
    return SlackClient.builder(() -> "xoxb-priming").baseUrl("https://slack.com/api/").connector(slack).build();
  }

  /** How many requests were answered. */
  public int answered() {
    return answered.get();
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
