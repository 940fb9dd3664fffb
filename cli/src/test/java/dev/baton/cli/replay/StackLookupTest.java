package dev.baton.cli.replay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.baton.cli.replay.StandIns.replay;
import static dev.baton.cli.replay.StandIns.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cli.replay.Confirmation.Answer;
import dev.baton.cli.CliRun;
import dev.baton.core.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./baton replay <LogicalId> --stack NAME}: the queue and the functions found through template.yaml and the
 * stack's resources (CloudFormation DescribeStackResource, played by WireMock), and each event sent back to the
 * function that parked it when functions share a queue.
 */
class StackLookupTest {
  private static final StandIns standIns = new StandIns();
  private static final String STACK = "baton";
  private static final String ACCOUNT_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:";

  @BeforeEach
  void reset() {
    standIns.aws.resetAll();
    standIns.sqs.wiremock().resetRequests();
    standIns.lambdaAccepts();
  }

  @AfterAll
  static void stop() {
    standIns.close();
  }

  private static void resource(String logicalId, String type, String physicalId) {
    standIns.aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStackResource"))
        .withRequestBody(matching(".*LogicalResourceId=" + logicalId + "(&.*)?"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
            <DescribeStackResourceResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <DescribeStackResourceResult>
                <StackResourceDetail>
                  <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/baton/5e1c7a30-c6b4-11f0</StackId>
                  <StackName>baton</StackName>
                  <LogicalResourceId>%s</LogicalResourceId>
                  <PhysicalResourceId>%s</PhysicalResourceId>
                  <ResourceType>%s</ResourceType>
                  <LastUpdatedTimestamp>2026-11-18T16:02:11.482Z</LastUpdatedTimestamp>
                  <ResourceStatus>UPDATE_COMPLETE</ResourceStatus>
                </StackResourceDetail>
              </DescribeStackResourceResult>
              <ResponseMetadata><RequestId>7c0f5d0e-1b2a-4c3d-9e8f-0a1b2c3d4e5f</RequestId></ResponseMetadata>
            </DescribeStackResourceResponse>
            """.formatted(logicalId, physicalId, type))));
  }

  @Test
  void givenAFunctionsLogicalId_thenItsQueueAndNameComeFromTheStack_andItsEventsGoToItsLiveAlias() {
    String queue = standIns.sqs.createQueue("baton-AlertDeadLetterQueue-1RZ8QK2D7WJ4N");
    String id = standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));
    resource("AlertDeadLetterQueue", "AWS::SQS::Queue", queue);
    resource("AlertsFunction", "AWS::Lambda::Function", "baton-AlertsFunction-Q3xT7pLm2KcV");

    CliRun r = replay(new ReplayCommand(q -> Answer.YES, Clock.systemUTC()), "AlertsFunction", "--stack", STACK,
        "--all", "--yes");

    assertEquals(0, r.exit(), r.all());
    for (String logicalId : List.of("AlertDeadLetterQueue", "AlertsFunction")) {
      standIns.aws.verify(1, postRequestedFor(urlEqualTo("/"))
          .withRequestBody(containing("Action=DescribeStackResource"))
          .withRequestBody(containing("StackName=baton"))
          .withRequestBody(containing("LogicalResourceId=" + logicalId)));
    }
    standIns.aws.verify(1, postRequestedFor(urlEqualTo("/2015-03-31/functions/baton-AlertsFunction-Q3xT7pLm2KcV"
        + "%3Alive/invocations")).withHeader("X-Amz-Invocation-Type", equalTo("Event")));
    assertTrue(r.out().contains(id + "  replayed to baton-AlertsFunction-Q3xT7pLm2KcV:live"), r.out());
    assertEquals(List.of(), standIns.sqs.messageIds(queue));
  }

  @Test
  void givenASharedQueuesLogicalId_thenEachEventGoesBackToTheFunctionThatParkedIt() {
    String queue = standIns.sqs.createQueue("baton-ApprovalDeadLetterQueue-7HX2M4QK9PLB");
    String request = "baton-ApprovalRequestFunction-Kp4W8n2QzR1t";
    String callback = "baton-approval-callback";
    resource("ApprovalDeadLetterQueue", "AWS::SQS::Queue", queue);
    resource("ApprovalRequestFunction", "AWS::Lambda::Function", request);
    resource("ApprovalCallbackFunction", "AWS::Lambda::Function", callback);
    String notification = sample("sns-approval-notification.json");
    String fromSns = standIns.sqs.send(queue, record(request, notification), Map.of());
    String handOff = standIns.sqs.send(queue, record(callback, "{\"batonFinish\":{\"approvalId\":\"ap-7f3c\"}}"),
        Map.of());
    String consoleEvent = sample("codepipeline-action-approval-started.json");
    String fromRule = standIns.sqs.send(queue, consoleEvent, Map.of("RULE_ARN",
        "arn:aws:events:eu-west-1:123456789012:rule/baton-ApprovalRequestFunctionApprovalActio-3JQ8", "TARGET_ARN",
        ACCOUNT_ARN + request + ":live", "ERROR_CODE", "THROTTLING", "ERROR_MESSAGE", "Rate Exceeded.",
        "EXHAUSTED_RETRY_CONDITION", "MaximumEventAgeInSeconds", "RETRY_ATTEMPTS", "97"));

    CliRun r = replay(new ReplayCommand(q -> Answer.YES, Clock.systemUTC()), "ApprovalDeadLetterQueue", "--stack",
        STACK, "--all", "--yes");

    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("FUNCTION"), r.out());
    assertTrue(r.out().contains("ApprovalRequestFunction   approval payments-deploy/Approve/ProductionGate"), r.out());
    assertTrue(r.out().contains("ApprovalCallbackFunction  finish approval ap-7f3c"), r.out());
    assertTrue(r.out().contains("EventBridge THROTTLING (MaximumEventAgeInSeconds, 97 retries): Rate Exceeded."),
        r.out());
    String requestInvoke = "/2015-03-31/functions/" + request + "%3Alive/invocations";
    standIns.aws.verify(1, postRequestedFor(urlEqualTo(requestInvoke)).withRequestBody(equalToJson(notification)));
    standIns.aws.verify(1, postRequestedFor(urlEqualTo(requestInvoke)).withRequestBody(equalToJson(consoleEvent)));
    standIns.aws.verify(1, postRequestedFor(urlEqualTo("/2015-03-31/functions/" + callback + "%3Alive/invocations"))
        .withRequestBody(equalToJson("{\"batonFinish\":{\"approvalId\":\"ap-7f3c\"}}")));
    assertEquals(3, standIns.invocations().size());
    assertTrue(r.out().contains("Replayed 3 of 3 events."), r.out());
    assertEquals(List.of(), standIns.sqs.messageIds(queue),
        "all three deleted: " + List.of(fromSns, handOff, fromRule));
  }

  @Test
  void givenAResourceTheStackDoesNotHave_thenItSaysWhichAndExits2() {
    standIns.aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStackResource"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody("""
            <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <Error><Type>Sender</Type><Code>ValidationError</Code>
                <Message>Stack 'baton' does not exist</Message></Error>
              <RequestId>2d8e4f1a-6b3c-4d5e-8f7a-9b0c1d2e3f4a</RequestId>
            </ErrorResponse>
            """)));

    CliRun r = replay(new ReplayCommand(q -> Answer.YES, Clock.systemUTC()), "AlertsFunction", "--stack", STACK,
        "--all", "--yes");

    assertEquals(2, r.exit(), r.all());
    assertTrue(r.err().contains("baton replay: cannot find AlertDeadLetterQueue in stack baton: CloudFormation "
        + "DescribeStackResource refused: ValidationError: Stack 'baton' does not exist (HTTP 400)"), r.err());
    assertEquals(0, standIns.invocations().size());
  }

  @Test
  void givenALogicalIdThatIsNeitherAFunctionNorAQueue_thenItIsAUsageError() {
    CliRun r = replay(new ReplayCommand(q -> Answer.YES, Clock.systemUTC()), "Table", "--stack", STACK, "--all");

    assertEquals(2, r.exit(), r.all());
    assertTrue(r.err().contains("Table is a AWS::DynamoDB::Table: name a function"), r.err());
  }

  private static String record(String function, String payload) {
    return Json.write(Map.of("version", "1.0", "timestamp", "2026-11-20T13:14:02.118Z", "requestContext", Map.of(
        "requestId", "51e0c2d4-8a7b-4f6e-9d3c-2b1a0f9e8d7c", "functionArn", ACCOUNT_ARN + function + ":live",
        "condition", "RetriesExhausted", "approximateInvokeCount", 3), "requestPayload",
        Json.parseObject(payload).asMap(), "responseContext", Map.of("statusCode", 200, "executedVersion", "4",
        "functionError", "Unhandled"), "responsePayload", Map.of("errorType", "java.lang.IllegalStateException",
        "errorMessage", "Slack chat.postMessage answered HTTP 503")));
  }
}
