package dev.baton.cli.replay;

import static dev.baton.cli.replay.StandIns.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cli.replay.ParkedEvent.Source;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.LocalSqs;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Reading what lands in Baton's dead-letter queues: both samples of events/, and what else may be there. */
class ParkedEventsTest {
  /** A sample of events/ (a message as ReceiveMessage hands it out) as the SQS adapter hands it over. */
  @SuppressWarnings("unchecked")
  static DeadLetter received(String sample) {
    JsonObject m = Json.parseObject(sample(sample));
    Map<String, String> attributes = new LinkedHashMap<>();
    m.optObject("Attributes").ifPresent(a -> a.keys().forEach(k -> attributes.put(k, a.string(k))));
    Map<String, String> messageAttributes = new LinkedHashMap<>();
    m.optObject("MessageAttributes").ifPresent(a -> a.keys().forEach(k ->
        messageAttributes.put(k, a.object(k).string("StringValue"))));
    return new DeadLetter(m.string("MessageId"), m.string("ReceiptHandle"), m.string("Body"), attributes,
        messageAttributes);
  }

  private static DeadLetter message(String body, Map<String, String> messageAttributes) {
    return new DeadLetter("9d3e5f7a-1b2c-4d6e-8f0a-2b4c6d8e0f1a", "AQEBhandle", body,
        Map.of("SentTimestamp", "1795169632431", "ApproximateReceiveCount", "2"), messageAttributes);
  }

  @Test
  void aLambdaOnFailureRecordGivesItsRequestPayload_theConditionAndTheLastError() {
    ParkedEvent p = ParkedEvents.read(received("sqs-dlq-lambda-on-failure.json"));

    assertEquals(Source.LAMBDA_ON_FAILURE, p.source());
    assertEquals(Optional.of(Instant.parse("2026-11-20T10:13:52.417Z")), p.parkedAt(), "the record's timestamp");
    assertEquals(Optional.of("arn:aws:lambda:eu-west-1:123456789012:function:baton-AlertsFunction-Q3xT7pLm2KcV:live"),
        p.function());
    assertTrue(p.why().startsWith("RetriesExhausted after 3 attempts: dev.baton.core.alerts.AlertDeliveryException: "
        + "alert for payments-deploy 8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806 attempt 1 not fully delivered"), p.why());
    assertEquals(Json.parseObject(sample("codepipeline-action-failed-codebuild.json")).asMap(),
        Json.parseObject(p.payload().orElseThrow()).asMap());
    assertEquals(1, p.receiveCount());
    assertTrue(p.replayable());
  }

  @Test
  void anEventBridgeRuleDeadLetterIsTheEventItself_withTheErrorFromItsAttributes() {
    DeadLetter m = received("sqs-dlq-eventbridge-rule.json");
    ParkedEvent p = ParkedEvents.read(m);

    assertEquals(Source.EVENTBRIDGE_RULE, p.source());
    assertEquals(Optional.of(Instant.parse("2026-11-20T10:09:52.688Z")), p.parkedAt(), "SentTimestamp");
    assertEquals(Optional.of("arn:aws:lambda:eu-west-1:123456789012:function:baton-PipelineHistoryFunction-"
        + "Vd81LmQ2xP4s:live"), p.function(), "TARGET_ARN");
    assertTrue(p.why().startsWith("EventBridge NO_RESOURCE (0 retries): Function not found: "), p.why());
    assertEquals(Optional.of(m.body()), p.payload(), "the body as it is");
  }

  @Test
  void anEventBridgeDeadLetterAfterRetriesSaysWhichLimitEndedThem() {
    ParkedEvent p = ParkedEvents.read(message(sample("codepipeline-stage-failed.json"), Map.of("ERROR_CODE",
        "THROTTLING", "ERROR_MESSAGE", "Rate Exceeded.", "EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts",
        "RETRY_ATTEMPTS", "185", "RULE_ARN", "arn:aws:events:eu-west-1:123456789012:rule/r", "TARGET_ARN",
        "arn:aws:lambda:eu-west-1:123456789012:function:f:live")));

    assertEquals("EventBridge THROTTLING (MaximumRetryAttempts, 185 retries): Rate Exceeded.", p.why());
  }

  @Test
  void aLegacyLambdaDeadLetterQueueMessageIsTheEvent_namingNoFunction() {
    ParkedEvent p = ParkedEvents.read(message("{\"Records\":[]}", Map.of("RequestID",
        "6a1e0b3c-7d2f-4e8a-9b5c-1d0e2f3a4b5c", "ErrorCode", "200",
        "ErrorMessage", "Task timed out after 30.03 seconds")));

    assertEquals(Source.LAMBDA_DLQ, p.source());
    assertEquals("Lambda dead-letter queue, error 200: Task timed out after 30.03 seconds", p.why());
    assertEquals(Optional.empty(), p.function());
    assertEquals(Optional.of("{\"Records\":[]}"), p.payload());
  }

  @Test
  void aRecordWithoutItsEvent_orWithoutAResponse_isReadAndSaysWhat() {
    ParkedEvent p = ParkedEvents.read(message("{\"version\":\"1.0\",\"requestContext\":{\"functionArn\":\"f\","
        + "\"condition\":\"EventAgeExceeded\",\"approximateInvokeCount\":1}}", Map.of()));

    assertEquals("EventAgeExceeded after 1 attempt", p.why());
    assertFalse(p.replayable());
    assertTrue(p.unreplayable().orElseThrow().startsWith("Lambda left the event out of this record"));
    assertEquals(Optional.of(Instant.parse("2026-11-20T10:13:52.431Z")), p.parkedAt(), "no timestamp: SentTimestamp");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json at all", "[1, 2]", "\"a string\"", ""})
  void aBodyThatIsNotAJsonObjectCannotBeReplayed(String body) {
    ParkedEvent p = ParkedEvents.read(message(body, Map.of("ERROR_CODE", "INVALID_JSON")));

    assertFalse(p.replayable());
    assertTrue(p.unreplayable().orElseThrow().startsWith("its body is not a JSON object"), p.unreplayable()::get);
    assertEquals("EventBridge INVALID_JSON", p.why());
  }

  @Test
  void aMalformedRecordIsNotReplayed() {
    ParkedEvent p = ParkedEvents.read(message("{\"requestContext\":{\"functionArn\":\"f\","
        + "\"approximateInvokeCount\":\"many\"},\"requestPayload\":{}}", Map.of()));

    assertFalse(p.replayable());
    assertEquals("the invocation record is malformed: $.requestContext.approximateInvokeCount: expected a number, "
        + "found a string", p.unreplayable().orElseThrow());
  }

  @Test
  void aMessageNoServiceWroteIsTakenAsTheEvent() {
    ParkedEvent p = ParkedEvents.read(message("{\"detail-type\":\"x\"}", Map.of()));

    assertEquals(Source.UNKNOWN, p.source());
    assertEquals("no error recorded (not a Lambda or EventBridge dead letter)", p.why());
    assertEquals(Optional.of("{\"detail-type\":\"x\"}"), p.payload());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqs-dlq-lambda-on-failure.json", "sqs-dlq-eventbridge-rule.json"})
  @SuppressWarnings("unchecked")
  void theSamplesCarryTheChecksumsSqsComputes(String sample) {
    JsonObject m = Json.parseObject(sample(sample));

    assertEquals(LocalSqs.md5OfBody(m.string("Body")), m.string("MD5OfBody"));
    m.optObject("MessageAttributes").ifPresent(a -> assertEquals(LocalSqs.md5OfAttributes(
        (Map<String, Map<String, String>>) (Map<?, ?>) a.asMap()), m.string("MD5OfMessageAttributes")));
  }
}
