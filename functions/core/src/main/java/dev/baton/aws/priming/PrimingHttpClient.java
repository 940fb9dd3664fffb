package dev.baton.aws.priming;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An {@link SdkHttpClient} that answers in the process and never opens a connection: the SDK client built on it
 * marshals, signs, sends (its request body is read to the end here) and unmarshals exactly as on a real call, but
 * nothing leaves the process. For priming only ({@link PrimingClients}).
 */
public final class PrimingHttpClient implements SdkHttpClient {
  /** What the stand-in answers to one request. */
  @FunctionalInterface
  public interface Responder {
    Answer answer(SdkHttpRequest request, byte[] body);
  }

  /** An HTTP answer: status, content type, body. */
  public record Answer(int status, String contentType, String body) {
    public static Answer json(String body) {
      return new Answer(200, "application/x-amz-json-1.0", body);
    }

    /** An AWS JSON-protocol error, e.g. {@code ConditionalCheckFailedException}. */
    public static Answer jsonError(String type) {
      return new Answer(400, "application/x-amz-json-1.0", "{\"__type\":\"" + type + "\",\"message\":\"priming\"}");
    }

    public static Answer xml(String body) {
      return new Answer(200, "text/xml", body);
    }

    public static Answer empty(int status) {
      return new Answer(status, "application/json", "");
    }
  }

  private final Responder responder;
  private final AtomicInteger answered = new AtomicInteger();

  public PrimingHttpClient(Responder responder) {
    this.responder = Objects.requireNonNull(responder, "responder");
  }

  /** How many requests this client answered. */
  public int answered() {
    return answered.get();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        byte[] body = new byte[0];
        if (request.contentStreamProvider().isPresent()) {
          try (InputStream in = request.contentStreamProvider().get().newStream()) {
            body = in.readAllBytes();
          }
        }
        Answer a = responder.answer(request.httpRequest(), body);
        answered.incrementAndGet();
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        SdkHttpResponse response = SdkHttpResponse.builder().statusCode(a.status())
            .putHeader("Content-Type", a.contentType())
            .putHeader("Content-Length", String.valueOf(bytes.length))
            .putHeader("x-amzn-RequestId", "priming")
            .build();
        return HttpExecuteResponse.builder().response(response)
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
      }

      @Override
      public void abort() {
        // nothing is in flight
      }
    };
  }

  @Override
  public String clientName() {
    return "BatonPriming";
  }

  @Override
  public void close() {
    // holds nothing
  }
}
