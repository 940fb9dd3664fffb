package dev.baton.cli.replay;

import static dev.baton.cli.replay.StandIns.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The few words that tell which event a parked message holds, for every kind Baton's functions take. */
class EventSummaryTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "codepipeline-action-failed-codebuild.json | action FAILED payments-deploy 8d2e6b41 Build/Build",
      "codepipeline-stage-failed.json            | stage FAILED payments-deploy 8d2e6b41 Build",
      "codepipeline-pipeline-failed.json         | pipeline FAILED payments-deploy 8d2e6b41",
      "s3-object-created.json  | Object Created s3://acme-releases/releases/payments/1.4.2/payments-1.4.2.zip",
      "sns-approval-notification.json            | approval payments-deploy/Approve/ProductionGate"})
  void samples(String file, String summary) {
    assertEquals(summary, EventSummary.of(sample(file)));
  }

  @Test
  void aClassicS3NotificationShowsTheDecodedKey() {
    assertEquals("ObjectCreated:Copy s3://acme-releases/releases/web app/2.0.0/site.zip", EventSummary.of("""
        {"Records":[{"eventName":"ObjectCreated:Copy","s3":{"bucket":{"name":"acme-releases"},
        "object":{"key":"releases/web+app/2.0.0/site.zip"}}}]}"""));
  }

  @Test
  void anApprovalHandOffShowsTheApproval() {
    assertEquals("finish approval ap-7f3c", EventSummary.of("{\"batonFinish\":{\"approvalId\":\"ap-7f3c\"}}"));
  }

  @Test
  void anSnsMessageThatIsNoApprovalShowsTopicAndSubject() {
    assertEquals("SNS ops: hello", EventSummary.of("{\"Records\":[{\"Sns\":{\"TopicArn\":\"arn:aws:sns:eu-west-1:"
        + "123456789012:ops\",\"Subject\":\"hello\",\"Message\":\"plain text\"}}]}"));
  }

  @Test
  void somethingElse_orSomethingMalformed_isShownAsTheStartOfItsJson() {
    assertEquals("{\"detail-type\": 42, \"detail\": \"not an object\", \"padding\": \"…",
        EventSummary.of("{\"detail-type\": 42,\n \"detail\": \"not an object\", \"padding\": \"xxxxxxxxxxxxxx\"}"));
    assertEquals("not json", EventSummary.of("not json"));
    assertEquals("aws.events Scheduled Event", EventSummary.of("{\"source\":\"aws.events\",\"detail-type\":"
        + "\"Scheduled Event\",\"detail\":{}}"));
  }
}
