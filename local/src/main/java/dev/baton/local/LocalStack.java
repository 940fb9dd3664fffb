package dev.baton.local;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Baton's embedded default: dynalite with the stack's table (created from the Table resource in template.yaml),
 * WireMock standing in for every other AWS API and for Slack, and the stack's functions run from their packaged
 * zips with the environment template.yaml gives them. The functions reach the stand-ins only through the SDK's
 * standard {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_DYNAMODB} settings and Baton's Slack API URL setting.
 */
public final class LocalStack implements AutoCloseable {
  public static final String REGION = "eu-west-1";
  public static final String ACCOUNT = Intrinsics.ACCOUNT;
  public static final String TABLE = "baton-local";
  /** {@code BATON_AOT=1}: every function run here gets a JDK AOT cache (a local stand-in for SnapStart). */
  public static final String AOT_ENV = "BATON_AOT";

  private final SamTemplate template;
  private final Dynalite dynalite;
  private final WireMockServer wiremock;
  private final WireMockServer eventBridge;
  private final DynamoDbClient dynamo;
  private final List<LocalLambda> functions = new ArrayList<>();
  private final Map<String, String> physicalNames = new LinkedHashMap<>();
  private final Map<String, List<String>> deadLetters = new java.util.concurrent.ConcurrentHashMap<>();

  private LocalStack(SamTemplate template) {
    this.template = template;
    this.dynalite = Dynalite.start();
    this.wiremock = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    wiremock.start();
    this.eventBridge = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    eventBridge.start();
    resetEventBridge();
    this.dynamo = DynamoDbClient.builder()
        .endpointOverride(dynalite.endpoint())
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
    physicalNames.put("Table", TABLE);
    createTable("Table", TABLE);
  }

  public static LocalStack start() {
    return new LocalStack(SamTemplate.load());
  }

  public SamTemplate template() {
    return template;
  }

  public DynamoDbClient dynamo() {
    return dynamo;
  }

  public URI dynamoEndpoint() {
    return dynalite.endpoint();
  }

  public WireMockServer wiremock() {
    return wiremock;
  }

  /**
   * The EventBridge stand-in the functions publish Baton's events to ({@code AWS_ENDPOINT_URL_EVENTBRIDGE}), apart
   * from {@link #wiremock()} so that the other APIs' tests see only their own calls. It accepts every
   * {@code PutEvents} unless a test stubs something else.
   */
  public WireMockServer eventBridge() {
    return eventBridge;
  }

  /** Forgets the EventBridge stand-in's stubs and requests, and accepts every {@code PutEvents} again. */
  public void resetEventBridge() {
    eventBridge.resetAll();
    eventBridge.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/").atPriority(10)
        .withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AWSEvents.PutEvents"))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
            .withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"FailedEntryCount\":0,\"Entries\":[]}")));
  }

  public String wiremockUrl() {
    return "http://127.0.0.1:" + wiremock.port();
  }

  /** The Slack Web API base URL the functions are given ({@code BATON_SLACK_API_URL}): WireMock under /slack/api/. */
  public String slackApiUrl() {
    return wiremockUrl() + "/slack/api/";
  }

  /** The environment a function gets here: template.yaml's, with the stand-ins' endpoints. */
  public Map<String, String> environment(String logicalId) {
    SamTemplate.SamFunction f = template.function(logicalId);
    Map<String, String> env = new LinkedHashMap<>(f.resolveEnvironment(new Intrinsics(template, REGION, physicalNames)));
    env.put("AWS_ENDPOINT_URL", wiremockUrl());
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:" + eventBridge.port());
    env.put("BATON_SLACK_API_URL", slackApiUrl());
    return env;
  }

  /** Where the functions' AOT caches are kept: {@code target/aot/} of the checkout, never inside a zip. */
  public static Path aotCaches() {
    return Repo.root().resolve("target").resolve("aot");
  }

  /** Starts a function of template.yaml from its packaged zip (one execution environment). */
  public LocalLambda function(String logicalId) {
    return function(logicalId, Map.of());
  }

  /** Like {@link #function(String)}, with some environment variables set or replaced. */
  public LocalLambda function(String logicalId, Map<String, String> overrides) {
    return function(logicalId, overrides, b -> { });
  }

  /**
   * Like {@link #function(String, Map)}, with more options for the run ({@code options} sees the builder last).
   * {@code BATON_AOT=1} in this process's environment gives every function a JDK AOT cache under
   * {@code target/aot/} ({@link LocalLambda.Builder#aotCache}).
   */
  public LocalLambda function(String logicalId, Map<String, String> overrides,
                              java.util.function.Consumer<LocalLambda.Builder> options) {
    SamTemplate.SamFunction f = template.function(logicalId);
    Path zip = Repo.root().resolve(f.codeUri());
    if (!zip.toFile().isFile()) {
      throw new IllegalStateException(logicalId + ": CodeUri " + f.codeUri() + " does not exist; build it with "
          + "`mvn package -DskipTests`");
    }
    Map<String, String> env = new LinkedHashMap<>(environment(logicalId));
    env.putAll(overrides);
    LocalLambda.Builder b = LocalLambda.builder(zip, f.handler())
        .functionName("baton-local-" + logicalId)
        .region(REGION)
        .memoryMb(f.memoryMb())
        .environment(env);
    if ("1".equals(System.getenv(AOT_ENV))) {
      b.aotCache(aotCaches());
    }
    options.accept(b);
    LocalLambda fn = b.start();
    functions.add(fn);
    return fn;
  }

  /**
   * Invokes as Lambda does for an asynchronous event source (EventBridge, SNS, S3): a failed invocation is retried
   * {@code EventInvokeConfig.MaximumRetryAttempts} times (default 2, without Lambda's minutes of delay here), and
   * when every attempt failed the event goes to the {@code OnFailure} destination as the invocation record Lambda
   * sends (condition RetriesExhausted, the request payload, the last error). Returns every attempt's result.
   */
  public List<Invocation> invokeAsync(String logicalId, LocalLambda fn, String event) {
    Map<String, Object> config = SamTemplate.asMap(template.function(logicalId).properties().get("EventInvokeConfig"));
    int retries = config.get("MaximumRetryAttempts") instanceof Integer i ? i : 2;
    List<Invocation> attempts = new ArrayList<>();
    for (int attempt = 0; attempt <= retries; attempt++) {
      Invocation result = fn.invoke(event);
      attempts.add(result);
      if (!result.failed()) {
        return attempts;
      }
    }
    Object destination = SamTemplate.asMap(SamTemplate.asMap(config.get("DestinationConfig")).get("OnFailure"))
        .get("Destination");
    if (destination != null) {
      String target = destinationId(destination);
      Invocation last = attempts.get(attempts.size() - 1);
      String record = "{\"version\":\"1.0\",\"timestamp\":\"" + java.time.Instant.now() + "\","
          + "\"requestContext\":{\"requestId\":\"" + last.requestId() + "\",\"functionArn\":\"arn:aws:lambda:"
          + REGION + ":" + ACCOUNT + ":function:baton-local-" + logicalId + ":live\",\"condition\":\"RetriesExhausted\","
          + "\"approximateInvokeCount\":" + attempts.size() + "},\"requestPayload\":" + event.strip() + ","
          + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"1\",\"functionError\":\"Unhandled\"},"
          + "\"responsePayload\":" + last.bodyText() + "}";
      deadLetters.computeIfAbsent(target, k -> new ArrayList<>()).add(record);
    }
    return attempts;
  }

  /** The invocation records sent to an on-failure destination (a queue's logical id), oldest first. */
  public List<String> deadLetters(String destinationLogicalId) {
    return List.copyOf(deadLetters.getOrDefault(destinationLogicalId, List.of()));
  }

  private static String destinationId(Object destination) {
    Map<String, Object> fn = SamTemplate.asMap(destination);
    if (fn.get("Fn::GetAtt") instanceof List<?> att) {
      return String.valueOf(att.get(0));
    }
    if (fn.get("Ref") instanceof String ref) {
      return ref;
    }
    throw new IllegalArgumentException("unsupported on-failure destination " + destination);
  }

  /** Creates a table from an AWS::DynamoDB::Table resource of the template (on-demand, as declared). */
  public void createTable(String logicalId, String tableName) {
    Map<String, Object> props = SamTemplate.asMap(template.resource(logicalId).get("Properties"));
    CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(tableName)
        .billingMode(String.valueOf(props.getOrDefault("BillingMode", "PAY_PER_REQUEST")))
        .attributeDefinitions(list(props.get("AttributeDefinitions")).stream().map(SamTemplate::asMap)
            .map(a -> AttributeDefinition.builder().attributeName((String) a.get("AttributeName"))
                .attributeType((String) a.get("AttributeType")).build()).toList())
        .keySchema(keys(props.get("KeySchema")));
    List<GlobalSecondaryIndex> gsis = list(props.get("GlobalSecondaryIndexes")).stream().map(SamTemplate::asMap)
        .map(g -> GlobalSecondaryIndex.builder().indexName((String) g.get("IndexName"))
            .keySchema(keys(g.get("KeySchema")))
            .projection(Projection.builder().projectionType((String) SamTemplate.asMap(g.get("Projection"))
                .get("ProjectionType")).build()).build()).toList();
    if (!gsis.isEmpty()) {
      b.globalSecondaryIndexes(gsis);
    }
    dynamo.createTable(b.build());
    // A short poll: the SDK waiter's default 20 s delay stalls a test whenever dynalite answers CREATING first.
    try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamo).overrideConfiguration(o -> o
        .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(20))).maxAttempts(500)).build()) {
      waiter.waitUntilTableExists(w -> w.tableName(tableName));
    }
  }

  private static List<KeySchemaElement> keys(Object schema) {
    return list(schema).stream().map(SamTemplate::asMap)
        .map(k -> KeySchemaElement.builder().attributeName((String) k.get("AttributeName"))
            .keyType((String) k.get("KeyType")).build()).toList();
  }

  private static List<?> list(Object o) {
    return o == null ? List.of() : (List<?>) o;
  }

  @Override
  public void close() {
    functions.forEach(LocalLambda::close);
    dynamo.close();
    wiremock.stop();
    eventBridge.stop();
    dynalite.close();
  }
}
