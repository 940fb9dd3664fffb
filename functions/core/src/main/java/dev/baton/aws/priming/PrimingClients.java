package dev.baton.aws.priming;

import dev.baton.aws.AwsClients;
import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.RegionalEndpoints;
import dev.baton.aws.priming.PrimingHttpClient.Answer;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;

/**
 * SDK clients for priming: the same settings as {@link AwsClients#build} (region, retries, no profile file, the
 * endpoint named as {@link RegionalEndpoints} does, {@code AWS_ENDPOINT_URL*} included), but answered by a
 * {@link PrimingHttpClient} in the process and signed with fixed placeholder credentials, so priming neither
 * fetches credentials (SnapStart's container endpoint) nor sends a request. DynamoDB is answered from memory
 * ({@link PrimingTable}: what the priming stored is found again); every other call gets a success with placeholder
 * values for what Baton reads (a message id and an execution id, the priming secret), unless the function's priming
 * asks for another answer ({@link #answering}).
 */
public final class PrimingClients {
  /** Answers by the request's {@code X-Amz-Target} (the JSON protocols: DynamoDB, CodePipeline, Secrets Manager). */
  private final Map<String, Answer> byTarget;
  private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
      AwsBasicCredentials.create("priming", "priming"));
  private final PrimingTable table = new PrimingTable();
  private final PrimingHttpClient http;

  private PrimingClients(Map<String, Answer> byTarget) {
    Map<String, Answer> answers = new java.util.HashMap<>(DEFAULTS);
    answers.putAll(byTarget);
    this.byTarget = Map.copyOf(answers);
    this.http = new PrimingHttpClient(this::answer);
  }

  /** The secret every priming Secrets Manager or SSM read gets: placeholders for the fields Baton's secrets hold. */
  public static final String SECRET = "{\"signingSecret\":\"priming\",\"botToken\":\"xoxb-priming\","
      + "\"clientSecret\":\"priming\",\"webhookUrl\":\"https://hooks.slack.com/services/T0PRIMING/B0PRIMING/priming\"}";
  private static final Map<String, Answer> DEFAULTS = Map.of(
      "secretsmanager.GetSecretValue", Answer.json(Json.write(Map.of("Name", "priming", "SecretString", SECRET))),
      "AmazonSSM.GetParameter", Answer.json(Json.write(Map.of("Parameter", Map.of("Name", "priming",
          "Type", "SecureString", "Value", SECRET)))),
      "CodePipeline_20150709.StartPipelineExecution",
      Answer.json("{\"pipelineExecutionId\":\"00000000-0000-0000-0000-000000000000\"}"));

  /** Every call answered with the defaults; DynamoDB from memory ({@link PrimingTable}). */
  public static PrimingClients create() {
    return new PrimingClients(Map.of());
  }

  /** Calls with these {@code X-Amz-Target}s (e.g. {@code CodePipeline_20150709.GetPipelineState}) get these answers. */
  public static PrimingClients answering(Map<String, Answer> byTarget) {
    return new PrimingClients(byTarget);
  }

  /** {@code builder} (any service's sync client) built with the settings above. */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
    Region region = AwsClients.region();
    return RegionalEndpoints.apply(builder, region).region(region)
        .credentialsProvider(CREDENTIALS)
        .httpClient(http)
        .overrideConfiguration(AwsClients.overrides())
        .build();
  }

  /** A {@link LeanAwsClient} for {@code service} with the same placeholder credentials, answered here. */
  public LeanAwsClient lean(LeanAwsClient.Service service) {
    Region region = AwsClients.region();
    return new LeanAwsClient(service, URI.create("https://" + service.endpointPrefix() + "." + region.id()
        + ".amazonaws.com"), region, http, CREDENTIALS);
  }

  /** How many calls the clients built here answered: priming's calls, none of which left the process. */
  public int answered() {
    return http.answered();
  }

  /** The operations those calls were, oldest first: {@code dynamodb:UpdateItem}, {@code events:PutEvents}, ... */
  public java.util.List<String> operations() {
    return http.operations();
  }

  private Answer answer(SdkHttpRequest request, byte[] body) {
    String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
    Answer configured = byTarget.get(target);
    if (configured != null) {
      return configured;
    }
    if (target.startsWith("DynamoDB_")) {
      return table.answer(target.substring(target.indexOf('.') + 1),
          Json.parseObject(new String(body, StandardCharsets.UTF_8)));
    }
    if (!target.isEmpty()) {
      return Answer.json("{}");
    }
    if (request.encodedPath().contains("/functions/") && request.encodedPath().endsWith("/invocations")) {
      return Answer.empty(202);   // Lambda's answer to an asynchronous Invoke
    }
    String form = new String(body, StandardCharsets.UTF_8);
    if (form.contains("Action=Publish")) {
      return Answer.xml("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
          + "<MessageId>priming</MessageId></PublishResult><ResponseMetadata><RequestId>priming</RequestId>"
          + "</ResponseMetadata></PublishResponse>");
    }
    return Answer.json("{}");
  }

  /**
   * Sets up the JDK's default TLS context: its trust store read and its engine loaded, with no connection made. The
   * SDK clients and the Slack client use that context on their first HTTPS connection (Lambda's Java runtimes'
   * {@code SecureRandom}, which that context draws from, is snap-resilient: Lambda documents it so for SnapStart).
   */
  public static void primeTls() {
    try {
      javax.net.ssl.SSLContext.getDefault().createSSLEngine("priming.invalid", 443);
      javax.net.ssl.HttpsURLConnection.getDefaultSSLSocketFactory();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }
}
