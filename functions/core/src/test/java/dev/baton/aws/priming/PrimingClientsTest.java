package dev.baton.aws.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.dynamodb.DynamoApprovalStore;
import dev.baton.aws.lambda.AsyncInvoker;
import dev.baton.aws.priming.PrimingHttpClient.Answer;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.ApprovalStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Priming's SDK clients: every call is marshalled, signed and unmarshalled by the real SDK and answered in the
 * process. These clients resolve the real AWS endpoints (no endpoint override here), so a call that left the
 * process would fail: each success below is one that did not.
 */
class PrimingClientsTest {
  @Test
  void givenACall_thenTheRequestIsSignedWithThePlaceholderCredentialsAndAnsweredInProcess() {
    List<SdkHttpRequest> seen = new ArrayList<>();
    PrimingHttpClient http = new PrimingHttpClient((request, body) -> {
      seen.add(request);
      return Answer.json("{}");
    });
    DynamoDbClient dynamo = DynamoDbClient.builder().region(software.amazon.awssdk.regions.Region.EU_WEST_1)
        .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("priming", "p"))
        .httpClient(http).build();

    var item = dynamo.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("x")))).item();

    assertTrue(item.isEmpty());
    assertEquals(1, http.answered());
    assertEquals("dynamodb.eu-west-1.amazonaws.com", seen.get(0).host());
    assertTrue(seen.get(0).firstMatchingHeader("Authorization").orElseThrow()
        .startsWith("AWS4-HMAC-SHA256 Credential=priming/"));
  }

  @Test
  void givenAnErrorAnswer_thenTheSdkRaisesTheModelledExceptionAfterOneAttempt() {
    PrimingClients aws = PrimingClients.answering(Map.of("DynamoDB_20120810.PutItem",
        Answer.jsonError("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException")));
    DynamoDbClient dynamo = aws.build(DynamoDbClient.builder());

    assertThrows(ConditionalCheckFailedException.class, () -> dynamo.putItem(b -> b.tableName("t")
        .item(Map.of("pk", AttributeValue.fromS("x"), "sk", AttributeValue.fromS("y")))));
    assertEquals(1, aws.answered(), "not retried");
  }

  @Test
  void givenAStoreOnPrimingDynamoDb_thenWhatItStoredIsFoundAndUpdatedInMemory() {
    PrimingClients aws = PrimingClients.create();
    DynamoApprovalStore store = new DynamoApprovalStore(aws.build(DynamoDbClient.builder()), "t", Optional.empty());
    Approval approval = Approval.pending(new ApprovalRequest("eu-west-1", "p", "s", "a", "token",
        Optional.of(Instant.parse("2099-01-01T00:00:00Z")), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty()), Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), Optional.empty());

    store.create(approval, Instant.parse("2026-01-01T00:01:00Z"));
    store.recordMessage(approval.id(), "C0PRIMING", "1.000001");

    Approval found = store.find(approval.id()).orElseThrow();
    assertEquals(ApprovalStatus.PENDING, found.status());
    assertEquals("p", found.request().pipeline());
    assertTrue(found.posted(), "the UpdateItem's SET reached the stored item");
    assertEquals(3, aws.answered());
  }

  @Test
  void givenTheOtherServices_thenEachGetsAnAnswerItsCallerAccepts() {
    PrimingClients aws = PrimingClients.create();

    String id = aws.build(SnsClient.builder()).publish(b -> b.topicArn("arn:aws:sns:eu-west-1:000000000000:t")
        .message("m")).messageId();
    new AsyncInvoker(() -> aws.lean(LeanAwsClient.LAMBDA)).invoke("priming", "{}");
    String signing = SecretLoader.builder().secretsManager(aws.lean(LeanAwsClient.SECRETS_MANAGER)).build()
        .field("baton/slack", "signingSecret");

    assertEquals("priming", id);
    assertEquals("priming", signing);
    assertEquals(3, aws.answered());
  }
}
