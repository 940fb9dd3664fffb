package dev.baton.slack.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.baton.aws.LocalWireMock;
import dev.baton.aws.codepipeline.CodePipelineApprovals;
import dev.baton.aws.dynamodb.BatonTable;
import dev.baton.aws.dynamodb.DynamoApprovalStore;
import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalCompletion;
import dev.baton.core.approval.ApprovalDecisions;
import dev.baton.core.approval.ApprovalMessages;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.Authorizer;
import dev.baton.core.approval.BreakGlass;
import dev.baton.core.approval.OverrideAnnouncements;
import dev.baton.core.approval.DecisionFinisher;
import dev.baton.core.approval.HandOff;
import dev.baton.core.approval.Starters;
import dev.baton.core.freeze.FreezeLookup;
import dev.baton.core.json.Json;
import dev.baton.local.Dynalite;
import dev.baton.slack.SlackClient;
import dev.baton.slack.SlackSignature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The approval callback as the function wires it ({@link SlackCallback} and everything behind it) with its real
 * adapters: DynamoDB on dynalite, every request counted by an SDK interceptor; CodePipeline and Slack on one
 * WireMock (the Slack Web API under {@code /slack/api/}); hand-offs collected. The clock and the budget's nanosecond
 * clock are the test's. One approval of route payments-production (starterMayApprove false) can be stored with
 * {@link #pending}.
 */
public final class ApprovalRig implements AutoCloseable {
  public static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  public static final String CP = "CodePipeline_20150709.";
  public static final String BOB = "arn:aws:sts::123456789012:assumed-role/Deployers/bob";
  static final String ROUTES = """
      {"routes": [{"name": "payments-production", "pipeline": "payments-deploy", "stage": "Approve",
                   "channel": "C0PAYMENTS", "approvers": {"users": ["U0ALICE", "U0BOB"], "groups": ["S0RELEASEMGRS"]},
                   "starterMayApprove": false, "breakGlass": {"users": ["U0ALICE"]}}],
       "people": {"U0BOB": ["arn:aws:sts::123456789012:assumed-role/Deployers/*"]}}""";

  public final LocalWireMock wiremock = new LocalWireMock();
  private final Dynalite dynalite = Dynalite.start();
  public final AtomicInteger dynamoCalls = new AtomicInteger();
  private final DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(dynalite.endpoint())
      .region(Region.EU_WEST_1).httpClient(UrlConnectionHttpClient.create())
      .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
      .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
          dynamoCalls.incrementAndGet();
        }
      })).build();
  private final CodePipelineClient codepipeline = wiremock.client(CodePipelineClient.builder());
  private final AtomicInteger tables = new AtomicInteger();
  public final List<String> handOffs = new ArrayList<>();
  public final AtomicInteger secretReads = new AtomicInteger();
  /** The budget's clock: nanoseconds the test moves on. */
  public final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  public Clock clock = Clock.systemUTC();
  /** What the callback's clicks are told about freezes (none, unless a test says otherwise). */
  public FreezeLookup freezes = FreezeLookup.NONE;
  public DynamoApprovalStore store;

  /** A fresh table (and WireMock forgets its stubs and requests): call before each test. */
  public void reset() {
    wiremock.resetAll();
    String table = "approvals-" + tables.incrementAndGet();
    BatonTable.create(dynamo, table);
    store = new DynamoApprovalStore(dynamo, table, Optional.empty());
    handOffs.clear();
    freezes = FreezeLookup.NONE;
    stubSlack("chat.update", "{\"ok\":true,\"channel\":\"C0PAYMENTS\",\"ts\":\"1.1\"}");
    stubSlack("chat.postEphemeral", "{\"ok\":true,\"message_ts\":\"2.2\"}");
    stubSlack("views.open", "{\"ok\":true,\"view\":{\"id\":\"V1\"}}");
    stubSlack("usergroups.users.list", "{\"ok\":true,\"users\":[\"U0CAROL\"]}");
    wiremock.stubFor(cp("PutApprovalResult").willReturn(awsJson("{\"approvedAt\":1763644421.5}")));
    dynamoCalls.set(0);
  }

  /** A posted PENDING approval of payments-deploy / Approve / ProductionGate, its starter stored or not. */
  public Approval pending(Optional<Instant> expires, Optional<String> startedBy) {
    ApprovalRequest r = new ApprovalRequest("eu-west-1", "payments-deploy", "Approve", "ProductionGate",
        "token-" + tables.get(), expires, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    store.create(Approval.pending(r, clock.instant(), Optional.of("exec-1"), startedBy), clock.instant());
    store.recordMessage(r.id(), "C0PAYMENTS", "1.1");
    dynamoCalls.set(0);
    return store.find(r.id()).orElseThrow();
  }

  /** The Slack client for work on Slack's clock, as the function builds it (two tries, 1.5 s in all). */
  public SlackClient slack() {
    return SlackClient.builder(() -> "xoxb-test").baseUrl(wiremock.endpoint() + "/slack/api/")
        .maxAttempts(2).maxTotal(Duration.ofMillis(1500)).readTimeout(Duration.ofMillis(1200)).build();
  }

  public ApprovalRoutes routes() {
    return ApprovalRoutes.parse("test", Json.parseObject(ROUTES));
  }

  public Authorizer authorizer() {
    return new Authorizer(routes(), new SlackGroups(slack()),
        new Starters(new CodePipelineApprovals(codepipeline), store));
  }

  public ApprovalCompletion completion() {
    return new ApprovalCompletion(store, new CodePipelineApprovals(codepipeline), clock);
  }

  public ApprovalMessages messages() {
    return new ApprovalMessages(store, new SlackApprovalMessenger(slack()));
  }

  public DecisionFinisher finisher(Duration budget, LongSupplier nanoClock) {
    OverrideAnnouncements announcements = new OverrideAnnouncements(store, new SlackApprovalMessenger(slack()), clock);
    return new DecisionFinisher(completion(), messages(), messages(), announcements, announcements, budget,
        nanoClock);
  }

  public SlackCallback callback(Duration budget) {
    return new SlackCallback(new SlackSignature(() -> {
      secretReads.incrementAndGet();
      return SECRET;
    }, clock), new ApprovalDecisions(store, authorizer(), new BreakGlass(routes(), new SlackGroups(slack())), freezes,
        new SlackApprovalMessenger(slack()), clock),
        finisher(budget, nanos::get), nanos::get);
  }

  public HandOff handOff() {
    return handOffs::add;
  }

  /** Requests WireMock saw (CodePipeline and Slack). */
  public int outboundCalls() {
    return wiremock.getAllServeEvents().size();
  }

  public int cpCalls(String operation) {
    return wiremock.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(CP + operation)))
        .size();
  }

  public int slackCalls(String method) {
    return wiremock.findAll(postRequestedFor(urlEqualTo("/slack/api/" + method))).size();
  }

  public static MappingBuilder cp(String operation) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(CP + operation));
  }

  public static MappingBuilder slack(String method) {
    return post(urlEqualTo("/slack/api/" + method));
  }

  public void stubSlack(String method, String answer) {
    wiremock.stubFor(slack(method).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody(answer)));
  }

  public static ResponseDefinitionBuilder awsJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  /** The form body Slack posts for a click on Approve ({@code approve}) or Reject of {@code approvalId}. */
  public static byte[] clickBody(String approvalId, String userId, boolean approve) {
    String payload = Json.write(Map.of("type", "block_actions", "user", Map.of("id", userId, "username",
            userId.substring(1).toLowerCase(), "name", userId.substring(1).toLowerCase(), "team_id", "T0BATON"),
        "channel", Map.of("id", "C0PAYMENTS", "name", "payments-releases"), "trigger_id", "1.2.3",
        "actions", List.of(Map.of("action_id", approve ? ApprovalBlocks.APPROVE : ApprovalBlocks.REJECT,
            "block_id", "baton.approval", "value", approvalId, "type", "button", "action_ts", "1763644400.1"))));
    return ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  /** A Function URL event (payload 2.0, base64 body) with exactly these headers. */
  public static String event(byte[] body, Map<String, String> headers) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "2.0");
    event.put("rawPath", "/");
    event.put("headers", headers);
    event.put("requestContext", Map.of("http", Map.of("method", "POST", "path", "/", "sourceIp", "198.51.100.7")));
    event.put("body", Base64.getEncoder().encodeToString(body));
    event.put("isBase64Encoded", true);
    return Json.write(event);
  }

  /** The headers Slack sends with {@code body} signed at {@code timestamp}. */
  public static Map<String, String> signedHeaders(byte[] body, String timestamp) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", "application/x-www-form-urlencoded");
    h.put("x-slack-request-timestamp", timestamp);
    h.put("x-slack-signature", "v0=" + SlackSignature.sign(SECRET, timestamp, body));
    return h;
  }

  @Override
  public void close() {
    dynamo.close();
    codepipeline.close();
    wiremock.stop();
    dynalite.close();
  }
}
