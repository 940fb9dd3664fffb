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
    assertEquals(List.of("sns:Publish", "lambda:Invoke", "secretsmanager:GetSecretValue"), aws.operations(),
        "each call recorded as <signing service>:<operation>");
  }

  @Test
  void givenItemsPut_thenAQueryFindsThoseItsKeyConditionNames_inSortKeyOrder() {
    PrimingClients aws = PrimingClients.create();
    DynamoDbClient dynamo = aws.build(DynamoDbClient.builder());
    for (String[] k : new String[][] {{"A", "X#2"}, {"A", "X#1"}, {"A", "Y#1"}, {"B", "X#1"}}) {
      dynamo.putItem(b -> b.tableName("t").item(Map.of("pk", AttributeValue.fromS(k[0]), "sk",
          AttributeValue.fromS(k[1]))));
    }

    var found = dynamo.query(b -> b.tableName("t").keyConditionExpression("pk = :p AND begins_with(sk, :x)")
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("A"), ":x", AttributeValue.fromS("X#"))))
        .items();
    var newest = dynamo.query(b -> b.tableName("t").keyConditionExpression("#k = :p AND sk BETWEEN :a AND :b")
        .expressionAttributeNames(Map.of("#k", "pk")).scanIndexForward(false).limit(1)
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("A"), ":a", AttributeValue.fromS("X#"),
            ":b", AttributeValue.fromS("Z")))).items();

    assertEquals(List.of("X#1", "X#2"), found.stream().map(i -> i.get("sk").s()).toList());
    assertEquals(List.of("Y#1"), newest.stream().map(i -> i.get("sk").s()).toList());
    assertEquals(List.of("dynamodb:PutItem", "dynamodb:PutItem", "dynamodb:PutItem", "dynamodb:PutItem",
        "dynamodb:Query", "dynamodb:Query"), aws.operations());
  }

  @Test
  void givenConditionsOnTheItemsExistence_thenTheyAreChecked_andAnUpdateOfNothingCreatesNothing() {
    DynamoDbClient dynamo = PrimingClients.create().build(DynamoDbClient.builder());
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("A"), "sk", AttributeValue.fromS("B"));

    assertThrows(ConditionalCheckFailedException.class, () -> dynamo.updateItem(b -> b.tableName("t").key(key)
        .updateExpression("SET v = :v").conditionExpression("attribute_exists(pk)")
        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x")))));
    assertTrue(dynamo.getItem(b -> b.tableName("t").key(key)).item().isEmpty(), "nothing created");
    dynamo.putItem(b -> b.tableName("t").item(key).conditionExpression("attribute_not_exists(pk)"));
    assertThrows(ConditionalCheckFailedException.class, () -> dynamo.putItem(b -> b.tableName("t").item(key)
        .conditionExpression("attribute_not_exists(pk)")));
  }

  @Test
  void givenAnUpdate_thenIfNotExistsReadsTheItemBefore_andAllOldReturnsWhatWasThere() {
    DynamoDbClient dynamo = PrimingClients.create().build(DynamoDbClient.builder());
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("A"), "sk", AttributeValue.fromS("B"));
    java.util.function.Function<String, Map<String, AttributeValue>> set = state -> dynamo.updateItem(b -> b
        .tableName("t").key(key).updateExpression("SET previous = if_not_exists(#s, :none), #s = :s")
        .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":none",
            AttributeValue.fromS("-"), ":s", AttributeValue.fromS(state))).returnValues("ALL_NEW")).attributes();

    assertEquals("-", set.apply("FAILED").get("previous").s());
    assertEquals("FAILED", set.apply("SUCCEEDED").get("previous").s());
    var old = dynamo.updateItem(b -> b.tableName("t").key(key).updateExpression("SET #s = :s")
        .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":s",
            AttributeValue.fromS("STOPPED"))).returnValues("ALL_OLD")).attributes();
    assertEquals("SUCCEEDED", old.get("state").s());
  }
}
