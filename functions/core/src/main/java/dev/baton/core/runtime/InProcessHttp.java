package dev.baton.core.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP answered in the process, for priming: {@link HttpURLConnection}s that never connect. A client writes its
 * request and reads the answer a {@link Responder} gives for it, exactly as it would a server's, and nothing leaves
 * the process. Each request answered is recorded by the operation its answer names ({@link #operations}). The
 * priming stand-ins for Slack and Microsoft ({@code PrimingSlack}, {@code PrimingTeams}) are made of it.
 */
public final class InProcessHttp {
  /** The answer to one request: what it called (for {@link #operations}), its status and body. */
  public record Answer(String operation, int status, String body) {}

  /** The answer to a request of {@code method} to {@code url} with body {@code sent} (empty without one). */
  @FunctionalInterface
  public interface Responder {
    Answer answer(String method, URL url, String sent);
  }

  private final Responder responder;
  private final AtomicInteger answered = new AtomicInteger();
  private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

  public InProcessHttp(Responder responder) {
    this.responder = responder;
  }

  /** A connection to {@code uri} that the responder answers. */
  public HttpURLConnection open(URI uri) throws MalformedURLException {
    return new Answering(uri.toURL());
  }

  /** How many requests were answered. */
  public int answered() {
    return answered.get();
  }

  /** The operations answered, oldest first. */
  public List<String> operations() {
    synchronized (operations) {
      return List.copyOf(operations);
    }
  }

  private final class Answering extends HttpURLConnection {
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private Answer answer;

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

    /** The answer, asked of the responder once the request is written (at the status or the body, whichever first). */
    private Answer answer() {
      connect();
      if (answer == null) {
        answer = responder.answer(method, url, sent.toString(StandardCharsets.UTF_8));
        answered.incrementAndGet();
        operations.add(answer.operation());
      }
      return answer;
    }

    @Override
    public int getResponseCode() {
      return answer().status();
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(answer().body().getBytes(StandardCharsets.UTF_8));
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
