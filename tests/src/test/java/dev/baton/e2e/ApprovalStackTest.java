package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.core.json.Json;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.SampleTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Slack approvals stack for end-to-end tests: the approval-request and approval-callback zips as packaged, under
 * the Lambda runtime interface client, against dynalite and WireMock standing in for Slack, CodePipeline, Secrets
 * Manager and Lambda, each test with its own table; the stand-ins' usual answers, and readers for what was called.
 * The approval samples are moved to the present ({@link SampleTime}): their request was made a minute ago and
 * expires in seven days.
 */
abstract class ApprovalStackTest extends StackTest {
  static final String REQUEST_FN = "ApprovalRequestFunction";
  static final String CALLBACK_FN = "ApprovalCallbackFunction";
  static final String CP = "CodePipeline_20150709.";
  static final String TOKEN = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  static final String ID = "apv-a62e9b97bb34d306fccb4a12e18250bf";
  static final String EXECUTION = "5e9a0c18-2f7d-4b36-a1e8-c4d2b6f9e073";
  static final String TS = "1763644361.000100";
  static final String BOB = "arn:aws:sts::123456789012:assumed-role/Deployers/bob";
  /** How far the samples are moved (whole minutes). */
  static final Duration SHIFT = SampleTime.approvalsToNow();

  String table;
  private LocalLambda requests;
  private LocalLambda callback;

  @BeforeEach
  void freshTableAndStubs() {
    table = freshTable("approvals");
    stubSecret();
    stubSlack("chat.postMessage", "{\"ok\":true,\"channel\":\"C0PAYMENTS\",\"ts\":\"" + TS + "\"}");
    stubSlack("chat.update", "{\"ok\":true,\"channel\":\"C0PAYMENTS\",\"ts\":\"" + TS + "\"}");
    stubSlack("chat.postEphemeral", "{\"ok\":true,\"message_ts\":\"1763644500.000200\"}");
    stubSlack("views.open", "{\"ok\":true,\"view\":{\"id\":\"V0REJECTFORM\"}}");
    stubSlack("usergroups.users.list", "{\"ok\":true,\"users\":[\"U0CAROL\",\"U0DAVE\"]}");
    stubPipelineState(BOB);
    stub(cp("PutApprovalResult").willReturn(awsJson("{\"approvedAt\":1763644421.5}")));
  }

  /** A sample of events/, moved to the present. */
  static String sample(String name) {
    return SampleTime.shift(Events.load(name), SHIFT);
  }

  LocalLambda requests() {
    if (requests == null) {
      requests = stack.function(REQUEST_FN, Map.of("BATON_TABLE", table));
    }
    return requests;
  }

  LocalLambda callback() {
    if (callback == null) {
      callback = stack.function(CALLBACK_FN, Map.of("BATON_TABLE", table));
    }
    return callback;
  }

  /** The sample request, posted; the WireMock journal starts empty after it. */
  void posted() {
    posted(sample("sns-approval-notification.json"));
  }

  void posted(String notification) {
    Invocation r = requests().invoke(notification);
    assertTrue(r.bodyText().contains("\"outcome\":\"POSTED\""), r::toString);
    stack.wiremock().resetRequests();
  }

  /** A click on the sample's button as Slack sends it now, by {@code userId}. */
  static String click(String sampleName, String userId) {
    return SlackInteractions.signed(SlackInteractions.form(SlackInteractions.asUser(sampleName, userId,
        userId.substring(1).toLowerCase())));
  }

  static int status(Invocation i) {
    assertFalse(i.failed(), i::toString);
    return Json.parseObject(i.bodyText()).optLong("statusCode").orElse(-1L).intValue();
  }

  Map<String, AttributeValue> approval() {
    return item("APPROVAL#" + ID, "APPROVAL");
  }

  Map<String, AttributeValue> item(String pk, String sk) {
    Map<String, AttributeValue> item = stack.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    assertTrue(item != null && !item.isEmpty(), "no item " + pk + " / " + sk);
    return item;
  }

  List<Map<String, AttributeValue>> everything() {
    return stack.dynamo().scan(b -> b.tableName(table).consistentRead(true)).items();
  }

  static void stubSecret() {
    stub(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .withRequestBody(equalToJson("{\"SecretId\":\"baton/slack\"}"))
        .willReturn(awsJson(Json.write(Map.of("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:baton/slack-a1B2c3",
            "Name", "baton/slack", "VersionId", "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1",
            "SecretString", Json.write(Map.of("signingSecret", SlackInteractions.SIGNING_SECRET,
                "botToken", SlackInteractions.BOT_TOKEN)))))));
  }

  static void stubPipelineState(String startedBy) {
    stub(cp("GetPipelineState").willReturn(awsJson("""
        {"pipelineName": "payments-deploy", "pipelineVersion": 7, "stageStates": [
          {"stageName": "Source", "latestExecution": {"pipelineExecutionId": "%1$s", "status": "Succeeded"},
           "actionStates": [{"actionName": "Source", "latestExecution": {"status": "Succeeded"}}]},
          {"stageName": "Approve", "latestExecution": {"pipelineExecutionId": "%1$s", "status": "InProgress"},
           "actionStates": [{"actionName": "ProductionGate", "latestExecution": {"actionExecutionId": "7c2d9e4f-1a3b-4c5d-8e6f-0a1b2c3d4e5f",
             "status": "InProgress", "token": "%2$s", "lastStatusChange": 1763644360.915}}]}]}""".formatted(EXECUTION, TOKEN))));
    stubPipelineExecution(startedBy);
  }

  static void stubPipelineExecution(String startedBy) {
    stub(cp("GetPipelineExecution").willReturn(awsJson("""
        {"pipelineExecution": {"pipelineName": "payments-deploy", "pipelineVersion": 7, "pipelineExecutionId": "%s",
          "status": "InProgress", "trigger": {"triggerType": "StartPipelineExecution", "triggerDetail": "%s"}}}"""
        .formatted(EXECUTION, startedBy))));
  }

  static MappingBuilder cp(String operation) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(CP + operation));
  }

  static MappingBuilder slackCall(String method) {
    return post(urlEqualTo("/slack/api/" + method));
  }

  static void stubSlack(String method, String answer) {
    stub(slackCall(method).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(answer)));
  }

  static void stub(MappingBuilder m) {
    stack.wiremock().stubFor(m);
  }

  static ResponseDefinitionBuilder awsJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  /** An AWS JSON-protocol error answer ({@code __type} and message) with the given HTTP status. */
  static ResponseDefinitionBuilder awsError(int status, String type, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(Json.write(Map.of("__type", type, "message", message)));
  }

  static List<LoggedRequest> slack(String method) {
    return stack.wiremock().findAll(postRequestedFor(urlEqualTo("/slack/api/" + method)));
  }

  static int slackCalls() {
    return stack.wiremock().findAll(postRequestedFor(urlPathMatching("/slack/.*"))).size();
  }

  static int cpCalls(String operation) {
    return stack.wiremock().findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(CP + operation))).size();
  }

  static int handOffs() {
    return stack.wiremock().findAll(postRequestedFor(urlPathMatching("/2015-03-31/functions/.*"))).size();
  }
}
