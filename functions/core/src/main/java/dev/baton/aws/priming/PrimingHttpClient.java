package dev.baton.aws.priming;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * nothing leaves the process. For priming only ({@link PrimingClients}). Each request answered is recorded by its
 * operation ({@link #operation}: {@code dynamodb:UpdateItem}, {@code codepipeline:StartPipelineExecution}, ...), so a
 * function's priming can be shown to have taken each of its paths.
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

  /** The service in a SigV4 {@code Authorization} header's scope: {@code .../<region>/<service>/aws4_request}. */
  private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
  private static final Pattern FORM_ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");

  private final Responder responder;
  private final AtomicInteger answered = new AtomicInteger();
  private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

  public PrimingHttpClient(Responder responder) {
    this.responder = Objects.requireNonNull(responder, "responder");
  }

  /** How many requests this client answered. */
  public int answered() {
    return answered.get();
  }

  /** The operations answered so far, oldest first ({@link #operation}). */
  public List<String> operations() {
    synchronized (operations) {
      return List.copyOf(operations);
    }
  }

  /**
   * A request's operation as {@code <signing service>:<operation>}: the service from the SigV4 credential scope (so
   * an endpoint override changes nothing), the operation from {@code X-Amz-Target} (the JSON protocols), the
   * {@code Action} of a form body (the query protocols: SNS), or {@code Invoke} for Lambda's invocations path.
   */
  static String operation(SdkHttpRequest request, byte[] body) {
    Matcher scope = SCOPE.matcher(request.firstMatchingHeader("Authorization").orElse(""));
    String service = scope.find() ? scope.group(1) : request.host();
    String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
    if (!target.isEmpty()) {
      return service + ":" + target.substring(target.indexOf('.') + 1);
    }
    Matcher action = FORM_ACTION.matcher(new String(body, StandardCharsets.UTF_8));
    if (action.find()) {
      return service + ":" + action.group(1);
    }
    String path = request.encodedPath();
    if (path.contains("/functions/") && path.endsWith("/invocations")) {
      return service + ":Invoke";
    }
    return service + ":" + request.method() + " " + path;
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
        operations.add(operation(request.httpRequest(), body));
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
