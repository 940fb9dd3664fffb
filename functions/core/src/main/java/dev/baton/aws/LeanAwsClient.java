package dev.baton.aws;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * One AWS operation called without its service's generated SDK client, for the three operations Baton makes once
 * per process or seldom, from services whose generated client outweighs the rest of a function: SSM GetParameter (the
 * SSM client is a 6 MB jar of 140 operations), Secrets Manager GetSecretValue and Lambda's asynchronous Invoke
 * (3.4 MB). Only the request line, headers and body are written here; the rest is the SDK's: its SigV4 signer, the
 * process's HTTP client and credentials provider ({@link AwsClients}), its standard retry strategy (throttling,
 * 5xx and I/O errors, with backoff and {@link AwsClients#MAX_ATTEMPTS} attempts), and {@link AwsServiceException}s
 * that carry the service's error code.
 *
 * <p>The endpoint follows the SDK's standard settings: {@code aws.endpointUrl<Service>} or
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code aws.endpointUrl} or {@code AWS_ENDPOINT_URL}, else the service's
 * endpoint in {@code AWS_REGION}'s partition ({@code AWS_USE_FIPS_ENDPOINT=true}: its FIPS endpoint).
 */
public final class LeanAwsClient {
  /**
   * A service: its SigV4 signing name, its endpoint prefix, and its names in the SDK's endpoint settings (the
   * {@code AWS_ENDPOINT_URL_*} variable's suffix, the {@code aws.endpointUrl*} system property's).
   */
  public record Service(String signingName, String endpointPrefix, String endpointVariable, String endpointProperty) {}

  public static final Service SSM = new Service("ssm", "ssm", "SSM", "Ssm");
  public static final Service SECRETS_MANAGER = new Service("secretsmanager", "secretsmanager", "SECRETS_MANAGER",
      "SecretsManager");
  public static final Service LAMBDA = new Service("lambda", "lambda", "LAMBDA", "Lambda");

  /** A 2xx answer. */
  public record Response(int status, String body) {}

  private final Service service;
  private final URI endpoint;
  private final Region region;
  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final RetryStrategy retries;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public LeanAwsClient(Service service, URI endpoint, Region region, SdkHttpClient http,
      AwsCredentialsProvider credentials) {
    this.service = service;
    this.endpoint = endpoint;
    this.region = region;
    this.http = http;
    this.credentials = credentials;
    this.retries = AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(AwsClients.MAX_ATTEMPTS).build();
  }

  /** The client for {@code service} with the process's region, HTTP client, credentials and configured endpoint. */
  public static LeanAwsClient of(Service service) {
    Region region = AwsClients.region();
    return new LeanAwsClient(service, endpoint(service, region, System::getProperty, System::getenv), region,
        AwsClients.httpClient(), AwsClients.credentials());
  }

  /** As the SDK's clients resolve it: system properties before environment variables, the service's before all. */
  static URI endpoint(Service service, Region region, Function<String, String> properties,
      Function<String, String> env) {
    for (String url : new String[] {properties.apply("aws.endpointUrl" + service.endpointProperty()),
        env.apply("AWS_ENDPOINT_URL_" + service.endpointVariable()), properties.apply("aws.endpointUrl"),
        env.apply("AWS_ENDPOINT_URL")}) {
      if (url != null && !url.isBlank()) {
        return URI.create(url.strip());
      }
    }
    String fips = properties.apply("aws.useFipsEndpoint");
    String prefix = "true".equalsIgnoreCase(fips != null ? fips : env.apply("AWS_USE_FIPS_ENDPOINT"))
        ? service.endpointPrefix() + "-fips" : service.endpointPrefix();
    return URI.create("https://" + prefix + "." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix());
  }

  /** An operation of the AWS JSON 1.1 protocol (SSM, Secrets Manager): its answer, parsed. */
  public JsonObject json11(String target, Map<String, ?> input) {
    String body = call(SdkHttpMethod.POST, "/", Map.of("X-Amz-Target", target,
        "Content-Type", "application/x-amz-json-1.1"), Json.write(input)).body();
    try {
      return Json.parseObject(body);
    } catch (MalformedJsonException e) {
      throw SdkClientException.create(service.signingName() + " answered " + target + " with a body that is not a "
          + "JSON object");
    }
  }

  /**
   * {@code method path} with {@code headers} and {@code body}, signed, retried as the SDK retries: the 2xx answer,
   * else the last failure ({@link AwsServiceException} with the service's error code, or {@link SdkClientException}).
   */
  public Response call(SdkHttpMethod method, String path, Map<String, String> headers, String body) {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    AcquireInitialTokenResponse first = retries.acquireInitialToken(
        AcquireInitialTokenRequest.create(service.signingName()));
    RetryToken token = first.token();
    Duration delay = first.delay();
    while (true) {
      pause(delay);
      try {
        Response answer = once(method, path, headers, payload);
        retries.recordSuccess(RecordSuccessRequest.create(token));
        return answer;
      } catch (SdkException failure) {
        try {
          RefreshRetryTokenResponse next = retries.refreshRetryToken(
              RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
          token = next.token();
          delay = next.delay();
        } catch (TokenAcquisitionFailedException noMoreAttempts) {
          throw failure;
        }
      }
    }
  }

  private Response once(SdkHttpMethod method, String path, Map<String, String> headers, byte[] payload) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(endpoint)
        .encodedPath(base(endpoint) + path).putHeader("Content-Length", Integer.toString(payload.length));
    headers.forEach(request::putHeader);
    SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
        .request(request.build())
        .payload(ContentStreamProvider.fromByteArray(payload))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
    HttpExecuteResponse response;
    String text;
    try {
      response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
          .contentStreamProvider(signed.payload().orElse(null)).build()).call();
      try (InputStream in = response.responseBody().map(InputStream.class::cast)
          .orElseGet(() -> new ByteArrayInputStream(new byte[0]))) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException | UncheckedIOException e) {
      throw SdkClientException.builder().message("cannot reach " + service.signingName() + " at "
          + endpoint.getHost() + ": " + e.getMessage()).cause(e instanceof UncheckedIOException u ? u.getCause() : e)
          .build();
    }
    SdkHttpResponse status = response.httpResponse();
    if (status.isSuccessful()) {
      return new Response(status.statusCode(), text);
    }
    throw failure(status, text);
  }

  /** The service's error, in either of the JSON protocols' shapes: {@code __type} in the body, or a header. */
  private AwsServiceException failure(SdkHttpResponse response, String body) {
    Optional<JsonObject> error = errorBody(body);
    Optional<String> code = response.firstMatchingHeader("x-amzn-ErrorType")
        .or(() -> error.flatMap(e -> e.optString("__type").or(() -> e.optString("code"))))
        .map(LeanAwsClient::shortCode);
    String message = error.flatMap(e -> e.optString("message").or(() -> e.optString("Message"))).orElse("");
    AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code.orElse(null)).errorMessage(message)
        .serviceName(service.signingName()).sdkHttpResponse(response).build();
    return (AwsServiceException) AwsServiceException.builder().statusCode(response.statusCode())
        .message(code.orElse("HTTP " + response.statusCode()) + (message.isEmpty() ? "" : ": " + message))
        .awsErrorDetails(details).build();
  }

  private static Optional<JsonObject> errorBody(String body) {
    try {
      return body.isBlank() ? Optional.empty() : Optional.of(Json.parseObject(body));
    } catch (MalformedJsonException e) {
      return Optional.empty(); // not JSON (a proxy's HTML page, say): the status code is all there is
    }
  }

  /** {@code com.amazonaws.ssm#ParameterNotFound} or {@code TooManyRequestsException:http://...}: the code alone. */
  static String shortCode(String raw) {
    String code = raw.contains("#") ? raw.substring(raw.lastIndexOf('#') + 1) : raw;
    return code.contains(":") ? code.substring(0, code.indexOf(':')) : code;
  }

  private static String base(URI endpoint) {
    String path = endpoint.getRawPath();
    return path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
  }

  private static void pause(Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      return;
    }
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SdkClientException.create("interrupted while waiting to retry", e);
    }
  }
}
