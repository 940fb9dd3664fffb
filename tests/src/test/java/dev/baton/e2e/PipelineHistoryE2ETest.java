package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.core.history.ExecutionDetail;
import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.pipeline.ExecutionState;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.PipelineStories;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The pipeline-history function as packaged (functions/pipeline-history/target/pipeline-history.zip), run under the
 * Lambda runtime interface client with template.yaml's handler and environment, against dynalite. Each test gets
 * its own table; what the function recorded is read back with the reader the CLI uses.
 */
class PipelineHistoryE2ETest extends StackTest {
  private static final String FUNCTION = "PipelineHistoryFunction";
  private static final String UPDATE = "DynamoDB_20120810.UpdateItem";
  private static final Instant BASE = Instant.parse("2026-11-20T09:00:00.250Z");

  private String table;
  private LocalLambda fn;
  private DynamoHistoryReader reader;

  @BeforeEach
  void freshTableAndFunction() {
    table = freshTable("history");
    fn = stack.function(FUNCTION, Map.of("BATON_TABLE", table));
    reader = new DynamoHistoryReader(stack.dynamo(), table);
  }

  @Test
  void givenEveryStoryInOrder_thenEachExecutionEndsAsItDidWithItsStagesActionsAndErrors() {
    Map<String, List<String>> stories = PipelineStories.all(BASE);
    stories.values().forEach(events -> events.forEach(this::deliver));

    Map<String, ExecutionRecord> byStory = new java.util.LinkedHashMap<>();
    List<ExecutionRecord> recent = reader.recent(PipelineStories.PIPELINE, 10);
    assertEquals(6, recent.size());
    List<String> ids = List.of("6a1f0c52-3b8e-4d7a-9c21-5e4b7f8a0d13", "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806",
        "b7c3e9a1-4d2f-4e86-8a15-3f9d6c2b7e40", "c41f9a27-6e8b-4d13-a5c0-9b3e2f7d1a54",
        "f08b3d62-9a1c-4e75-8d24-5c6a7e9b0f31", "5e9a0c18-2f7d-4b36-a1e8-c4d2b6f9e073");
    assertEquals(ids.reversed(), recent.stream().map(ExecutionRecord::executionId).toList(), "newest first");
    List<String> names = List.copyOf(stories.keySet());
    for (int i = 0; i < names.size(); i++) {
      String id = ids.get(i);
      byStory.put(names.get(i), recent.stream().filter(e -> e.executionId().equals(id)).findFirst().orElseThrow());
    }

    assertEquals(Optional.of(ExecutionState.SUCCEEDED), byStory.get("success").status());
    assertEquals(Optional.of("StartPipelineExecution"), byStory.get("success").triggerType());
    ExecutionRecord failure = byStory.get("failure");
    assertEquals(Optional.of(ExecutionState.FAILED), failure.status());
    assertEquals(Optional.of("Build"), failure.failedStage());
    assertEquals(Optional.of("JobFailed"), failure.failure().orElseThrow().errorCode());
    assertEquals(Optional.of("main"), failure.commit().orElseThrow().branch());
    ExecutionRecord retried = byStory.get("retry-then-success");
    assertEquals(Optional.of(ExecutionState.SUCCEEDED), retried.status());
    assertEquals(2, retried.attempt());
    assertEquals(List.of(ExecutionState.STARTED, ExecutionState.FAILED, ExecutionState.RESUMED,
        ExecutionState.SUCCEEDED), retried.transitions().stream().map(t -> t.state()).toList());
    assertEquals(Optional.of(ExecutionState.SUPERSEDED), byStory.get("superseded").status());
    assertEquals(Optional.of(ExecutionState.STOPPED), byStory.get("stopped").status());
    assertTrue(byStory.get("stopped").stopComments().isPresent());
    ExecutionRecord rejected = byStory.get("approval-rejected");
    assertEquals(Optional.of(ExecutionState.FAILED), rejected.status());
    assertTrue(rejected.failure().orElseThrow().approval());

    ExecutionDetail detail = reader.detail(PipelineStories.PIPELINE, retried.executionId()).orElseThrow();
    assertEquals(4, detail.stages().size());
    assertEquals(List.of("Source/1 SUCCEEDED", "Build/1 SUCCEEDED", "ProductionGate/1 SUCCEEDED",
        "Deploy/1 FAILED", "Deploy/2 SUCCEEDED"), detail.actions().stream()
        .map(a -> a.action() + "/" + a.attempt() + " " + a.status()).toList());
    assertTrue(detail.actions().get(3).result().externalExecutionUrl().orElseThrow().contains("codedeploy"));

    List<String> emf = fn.log().lines().filter(l -> l.startsWith("{\"_aws\"")).toList();
    assertEquals(7, emf.size(), "one metric line per finished attempt (the retried execution's two): " + emf);
    assertEquals(2, emf.stream().filter(l -> l.contains("\"ExecutionSucceeded\":1")).count(), emf::toString);
    assertEquals(3, emf.stream().filter(l -> l.contains("\"ExecutionFailed\":1")).count(), emf::toString);
    assertEquals(1, emf.stream().filter(l -> l.contains("\"LeadTime\":")).count(), "only commit-started ones");
    assertTrue(emf.stream().anyMatch(l -> l.contains("\"Namespace\":\"Baton/baton-local\"")));
  }

  @Test
  void givenOutOfOrderAndDuplicatedDeliveryToTwoInstances_thenTheSameItemsAsInOrder() throws Exception {
    List<String> events = PipelineStories.retryThenSuccess("b7c3e9a1-4d2f-4e86-8a15-3f9d6c2b7e40", BASE);
    events.forEach(this::deliver);
    Map<String, Map<String, AttributeValue>> inOrder = partition();

    freshTableAndFunction();
    LocalLambda other = stack.function(FUNCTION, Map.of("BATON_TABLE", table));
    List<String> scrambled = new ArrayList<>(events);
    scrambled.addAll(events.subList(3, 12));
    Collections.shuffle(scrambled, new Random(7));
    List<CompletableFuture<Invocation>> calls = new ArrayList<>();
    for (int i = 0; i < scrambled.size(); i++) {
      LocalLambda target = i % 2 == 0 ? fn : other;
      String event = scrambled.get(i);
      calls.add(CompletableFuture.supplyAsync(() -> target.invoke(event)));
    }
    for (CompletableFuture<Invocation> c : calls) {
      assertFalse(c.get().failed(), c.get()::toString);
    }

    assertEquals(normalise(inOrder), normalise(partition()));
    List<String> metrics = (fn.log() + other.log()).lines().filter(l -> l.startsWith("{\"_aws\"")).toList();
    assertEquals(2, metrics.size(), () -> "one metric per finished attempt, whatever the order: " + metrics);
    assertEquals(1, metrics.stream().filter(l -> l.contains("\"ExecutionFailed\":1") && l.contains("\"attempt\":1"))
        .count(), metrics::toString);
    assertEquals(1, metrics.stream().filter(l -> l.contains("\"ExecutionSucceeded\":1")
        && l.contains("\"attempt\":2")).count(), metrics::toString);
  }

  @Test
  void givenTheStartedSample_thenExactlyTheseTwoUpdatesGoOut() {
    proxyDynamoThroughWireMock();

    Invocation result = fn.invoke(Events.load("codepipeline-pipeline-started.json"));

    assertFalse(result.failed(), result::toString);
    assertEquals("{\"recorded\":{\"eventId\":\"0b6e2f55-3c1a-4c3e-a3b7-6f1f0e8d2a41\",\"level\":\"PIPELINE\","
        + "\"pipeline\":\"payments-deploy\",\"executionId\":\"4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304\","
        + "\"state\":\"STARTED\",\"attempt\":1,\"advanced\":true,\"writes\":2}}", result.bodyText());
    assertEquals(2, stack.wiremock().findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo(UPDATE))).size());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(UPDATE))
        .withRequestBody(equalToJson("""
            {"TableName": "%s",
             "Key": {"pk": {"S": "PIPELINE#payments-deploy"}, "sk": {"S": "EXEC#4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304"}},
             "UpdateExpression": "SET #w0 = :w0, #w1 = :w1, #w2 = :w2, #c5 = if_not_exists(#c5, :c5), #c6 = if_not_exists(#c6, :c6), #c7 = if_not_exists(#c7, :c7), #c8 = if_not_exists(#c8, :c8), #c9 = if_not_exists(#c9, :c9), #c10 = if_not_exists(#c10, :c10), #c11 = if_not_exists(#c11, :c11), #c12 = if_not_exists(#c12, :c12), #c13 = if_not_exists(#c13, :c13), #c14 = if_not_exists(#c14, :c14), #c15 = if_not_exists(#c15, :c15), #c16 = if_not_exists(#c16, :c16), #rank = :rank REMOVE #r3, #r4 ADD #tr :tr",
             "ConditionExpression": "attribute_not_exists(#rank) OR #rank < :rank",
             "ExpressionAttributeNames": {"#w0": "attempt", "#w1": "lastChangeAt", "#w2": "status", "#r3": "endTime",
               "#r4": "expiresAt", "#c5": "account", "#c6": "executionId", "#c7": "gsi1pk", "#c8": "gsi1sk",
               "#c9": "pipeline", "#c10": "pipelineArn", "#c11": "pipelineVersion", "#c12": "region",
               "#c13": "startTime", "#c14": "triggerDetail", "#c15": "triggerType", "#c16": "type",
               "#tr": "transitions", "#rank": "stateRank"},
             "ExpressionAttributeValues": {
               ":w0": {"N": "1"}, ":w1": {"S": "2026-11-20T09:14:05Z"}, ":w2": {"S": "STARTED"},
               ":c5": {"S": "123456789012"}, ":c6": {"S": "4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304"},
               ":c7": {"S": "PIPELINE#payments-deploy"},
               ":c8": {"S": "EXEC#2026-11-20T09:14:04.612Z#4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304"},
               ":c9": {"S": "payments-deploy"}, ":c10": {"S": "arn:aws:codepipeline:eu-west-1:123456789012:payments-deploy"},
               ":c11": {"N": "7"}, ":c12": {"S": "eu-west-1"}, ":c13": {"S": "2026-11-20T09:14:04.612Z"},
               ":c14": {"S": "arn:aws:sts::123456789012:assumed-role/baton-ReleaseTriggerFunctionRole-1HX8Q2V3ZK9LM/baton-ReleaseTriggerFunction-Yb3kQ8"},
               ":c15": {"S": "StartPipelineExecution"}, ":c16": {"S": "execution"},
               ":tr": {"SS": ["00001|2026-11-20T09:14:05Z|STARTED"]},
               ":rank": {"S": "00001|1|1795166045000|STARTED"}},
             "ReturnConsumedCapacity": "TOTAL"}
            """.formatted(table))));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(UPDATE))
        .withRequestBody(equalToJson("""
            {"TableName": "%s",
             "Key": {"pk": {"S": "PIPELINE#payments-deploy"}, "sk": {"S": "PIPELINE"}},
             "UpdateExpression": "SET #c0 = if_not_exists(#c0, :c0), #c1 = if_not_exists(#c1, :c1), #c2 = if_not_exists(#c2, :c2), #c3 = if_not_exists(#c3, :c3), #c4 = if_not_exists(#c4, :c4), #c5 = if_not_exists(#c5, :c5), #c6 = if_not_exists(#c6, :c6)",
             "ExpressionAttributeNames": {"#c0": "account", "#c1": "gsi1pk", "#c2": "gsi1sk", "#c3": "pipeline",
               "#c4": "pipelineArn", "#c5": "region", "#c6": "type"},
             "ExpressionAttributeValues": {":c0": {"S": "123456789012"}, ":c1": {"S": "PIPELINES"},
               ":c2": {"S": "PIPELINE#payments-deploy"}, ":c3": {"S": "payments-deploy"},
               ":c4": {"S": "arn:aws:codepipeline:eu-west-1:123456789012:payments-deploy"},
               ":c5": {"S": "eu-west-1"}, ":c6": {"S": "pipeline"}},
             "ReturnConsumedCapacity": "TOTAL"}
            """.formatted(table))));
  }

  @Test
  void givenThrottlingThenA500_thenTheSdkRetriesAndTheEventIsRecordedOnce() {
    proxyDynamoThroughWireMock();
    stack.wiremock().stubFor(dynamo().atPriority(1).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("500").willReturn(aResponse().withStatus(400)
            .withHeader("Content-Type", "application/x-amz-json-1.0")
            .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}")));
    stack.wiremock().stubFor(dynamo().atPriority(1).inScenario("flaky").whenScenarioStateIs("500")
        .willSetStateTo("ok").willReturn(aResponse().withStatus(500)
            .withBody("{\"__type\":\"com.amazon.coral.service#InternalFailure\"}")));

    Invocation result = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertFalse(result.failed(), result::toString);
    assertEquals(5, stack.wiremock().findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo(UPDATE))).size(),
        "the action write throttled, then a 500, then accepted; then the failure on the execution, the registry");
    ExecutionDetail d = reader.detail("payments-deploy", "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806").orElseThrow();
    assertEquals(1, d.actions().size());
    assertEquals(1, d.actions().getFirst().transitions().size());
    assertEquals(Optional.of("JobFailed"), d.execution().orElseThrow().failure().orElseThrow().errorCode());
  }

  @Test
  void givenDynamoDbDownThroughEveryRetry_thenTheInvocationFailsAndTheRedeliveryRecordsItOnce() {
    proxyDynamoThroughWireMock();
    stack.wiremock().stubFor(dynamo().atPriority(1).willReturn(aResponse().withStatus(503)
        .withBody("{\"__type\":\"com.amazon.coral.availability#ServiceUnavailableException\"}")));

    Invocation failed = fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));

    assertTrue(failed.failed(), failed::toString);
    assertTrue(partition().isEmpty(), "nothing written");
    assertEquals(4, stack.wiremock().findAll(postRequestedFor(urlEqualTo("/"))).size(), "4 attempts, then give up");

    stack.wiremock().resetAll();
    proxyDynamoThroughWireMock();
    Invocation redelivered = fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));
    Invocation again = fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));

    assertTrue(redelivered.bodyText().contains("\"advanced\":true"), redelivered::toString);
    assertTrue(again.bodyText().contains("\"advanced\":false"), again::toString);
    ExecutionRecord e = reader.recent("payments-deploy", 5).getFirst();
    assertEquals(Optional.of(ExecutionState.SUCCEEDED), e.status());
    assertEquals(1, e.transitions().size());
    assertEquals(1, fn.log().lines().filter(l -> l.startsWith("{\"_aws\"")).count(), "one metric, not two");
  }

  @Test
  void givenTheSucceededSample_thenTheAttemptsEndIsAddedOnceAndTheItemBeforeItIsAsked() {
    proxyDynamoThroughWireMock();

    deliver(Events.load("codepipeline-pipeline-succeeded.json"));
    deliver(Events.load("codepipeline-pipeline-succeeded.json"));

    // the first delivery's write; the duplicate's, refused (equal rank), and its merge: each adds the attempt
    stack.wiremock().verify(3, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(UPDATE))
        .withRequestBody(matchingJsonPath("$.Key.sk.S", equalTo("EXEC#4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304")))
        .withRequestBody(matchingJsonPath("$.UpdateExpression", containing(" ADD #tr :tr, #ea :ea")))
        .withRequestBody(matchingJsonPath("$.ExpressionAttributeNames['#ea']", equalTo("endedAttempts")))
        .withRequestBody(matchingJsonPath("$.ExpressionAttributeValues[':ea'].NS[0]", equalTo("1")))
        .withRequestBody(matchingJsonPath("$.ReturnValues", equalTo("ALL_OLD"))));
    List<String> metrics = fn.log().lines().filter(l -> l.startsWith("{\"_aws\"")).toList();
    assertEquals(1, metrics.size(), metrics::toString);
    assertTrue(metrics.getFirst().contains("\"ExecutionSucceeded\":1"), metrics::toString);
  }

  @Test
  void givenOnlyStageAndActionEvents_thenTheExecutionIsListedAndFoundAsPartial_untilItsPipelineEventsCome() {
    deliver(Events.load("codepipeline-stage-started.json"));
    deliver(Events.load("codepipeline-action-succeeded-source.json"));

    List<ExecutionRecord> listed = reader.recent(10);
    assertEquals(List.of("4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304"),
        listed.stream().map(ExecutionRecord::executionId).toList());
    assertTrue(listed.getFirst().partial());
    assertEquals(List.of("Source"), reader.find("4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304").orElseThrow().stages()
        .stream().map(s -> s.stage()).toList());

    deliver(Events.load("codepipeline-pipeline-started.json"));

    ExecutionRecord known = reader.recent(10).getFirst();
    assertFalse(known.partial());
    assertEquals(Optional.of(ExecutionState.STARTED), known.status());
  }

  @Test
  void givenAMalformedEvent_thenTheInvocationFailsNamingTheFieldAndNothingIsWritten() {
    Invocation result = fn.invoke(Events.load("codepipeline-event-malformed.json"));

    assertTrue(result.failed(), result::toString);
    assertTrue(result.bodyText().contains("\"errorType\":\"dev.baton.core.json.MalformedJsonException\""),
        result::bodyText);
    assertTrue(result.bodyText().contains("$.detail.execution-id: missing"), result::bodyText);
    assertTrue(partition().isEmpty());
    assertEquals(0, stack.wiremock().getAllServeEvents().size());
  }

  @Test
  void givenAForeignEvent_thenTheInvocationFailsAndNothingIsWritten() {
    Invocation result = fn.invoke(Events.load("codepipeline-event-foreign.json"));

    assertTrue(result.failed(), result::toString);
    assertTrue(result.bodyText().contains("$.source: expected aws.codepipeline, found aws.codebuild"),
        result::bodyText);
    assertEquals(0, stack.dynamo().scan(b -> b.tableName(table)).count());
  }

  @Test
  void givenTheReleaseTriggerStartedIt_thenTheExecutionShowsTheUploadWhateverTheOrderOfItsEvents() {
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target",
            equalTo("CodePipeline_20150709.StartPipelineExecution"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"pipelineExecutionId\":\"4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304\"}")));
    LocalLambda release = stack.function("ReleaseTriggerFunction", Map.of("BATON_TABLE", table));
    assertFalse(release.invoke(Events.load("s3-object-created.json")).failed());

    for (String sample : List.of("codepipeline-pipeline-succeeded.json", "codepipeline-stage-succeeded.json",
        "codepipeline-pipeline-started.json", "codepipeline-action-succeeded-source.json",
        "codepipeline-stage-started.json")) {
      deliver(Events.load(sample));
    }

    ExecutionDetail d = reader.detail("payments-deploy", "4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304").orElseThrow();
    assertEquals("Source SUCCEEDED 7s", d.stages().getFirst().stage() + " " + d.stages().getFirst().status() + " "
        + d.stages().getFirst().duration().orElseThrow().toSeconds() + "s");
    assertEquals(List.of("SourceArtifact s3://codepipeline-eu-west-1-418273645019/payments-deploy/SourceArti/Xk2Pq9v"),
        d.actions().getFirst().outputArtifacts());
    assertEquals("s3://acme-releases/releases/payments/1.4.2/payments-1.4.2.zip?versionId="
        + "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd", d.release().orElseThrow().s3Url());
    assertEquals("service-releases", d.release().orElseThrow().rule());
    assertEquals(Optional.of(ExecutionState.SUCCEEDED), d.execution().orElseThrow().status());
  }

  private void deliver(String event) {
    Invocation result = fn.invoke(event);
    assertFalse(result.failed(), result::toString);
  }

  /** Sends the function's DynamoDB calls through WireMock (which passes them on to dynalite unless a test says). */
  private void proxyDynamoThroughWireMock() {
    fn.close();
    fn = stack.function(FUNCTION, Map.of("BATON_TABLE", table, "AWS_ENDPOINT_URL_DYNAMODB", stack.wiremockUrl()));
    stack.wiremock().stubFor(dynamo().atPriority(5).willReturn(aResponse()
        .proxiedFrom(stack.dynamoEndpoint().toString())));
  }

  private static com.github.tomakehurst.wiremock.client.MappingBuilder dynamo() {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", matching("DynamoDB_20120810\\..*"));
  }

  private Map<String, Map<String, AttributeValue>> partition() {
    Map<String, Map<String, AttributeValue>> out = new java.util.TreeMap<>();
    stack.dynamo().query(q -> q.tableName(table).keyConditionExpression("pk = :p")
            .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PIPELINE#payments-deploy"))))
        .items().forEach(i -> out.put(i.get("sk").s(), i));
    return out;
  }

  /** Items with their string and number sets sorted (DynamoDB sets have no order). */
  private static Map<String, Map<String, Object>> normalise(Map<String, Map<String, AttributeValue>> items) {
    Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
    items.forEach((sk, item) -> {
      Map<String, Object> m = new java.util.TreeMap<>();
      item.forEach((k, v) -> m.put(k, v.hasSs() ? new java.util.TreeSet<>(v.ss())
          : v.hasNs() ? new java.util.TreeSet<>(v.ns()) : v));
      out.put(sk, m);
    });
    return out;
  }
}
