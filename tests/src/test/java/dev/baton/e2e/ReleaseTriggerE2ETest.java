package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.aws.dynamodb.DynamoReleaseStore;
import dev.baton.core.json.Json;
import dev.baton.core.release.ReleasePlan;
import dev.baton.core.release.ReleaseRecord;
import dev.baton.core.release.ReleaseRules;
import dev.baton.core.release.ReleaseStatus;
import dev.baton.core.release.S3Events;
import dev.baton.core.release.S3Object;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.Repo;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The release-trigger function as packaged (functions/release-trigger/target/release-trigger.zip), run under the
 * Lambda runtime interface client with template.yaml's handler and environment, against dynalite and a WireMock
 * CodePipeline. Each test gets its own table, so no test sees another's releases.
 */
class ReleaseTriggerE2ETest extends StackTest {
  private static final String FUNCTION = "ReleaseTriggerFunction";
  private static final String START = "CodePipeline_20150709.StartPipelineExecution";

  private String table;
  private LocalLambda fn;

  @BeforeEach
  void freshTableAndFunction() {
    table = freshTable("releases");
    fn = stack.function(FUNCTION, Map.of("BATON_TABLE", table));
  }

  @Test
  void givenAVersionedUpload_whenTheEventArrives_thenExactlyOneStartWithNameVariablesPinAndToken() {
    stub(startCall().willReturn(ok("{\"pipelineExecutionId\":\"4f8a1c2e-0000-4000-8000-000000000001\"}")));

    Invocation result = fn.invoke(Events.load("s3-object-created.json"));

    assertFalse(result.failed(), result::toString);
    assertTrue(result.bodyText().contains("\"outcome\":\"STARTED\""), result::bodyText);
    List<LoggedRequest> starts = starts();
    assertEquals(1, starts.size());
    String expectedToken = token("acme-releases", "releases/payments/1.4.2/payments-1.4.2.zip",
        "v:3HL4kqtJlcpXroDTDmjVBH40Nrjfkd", "payments-deploy");
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo(START))
        .withRequestBody(equalToJson("""
            {"name": "payments-deploy",
             "clientRequestToken": "%s",
             "variables": [
               {"name": "SERVICE", "value": "payments"},
               {"name": "VERSION", "value": "1.4.2"},
               {"name": "ARTIFACT_KEY", "value": "releases/payments/1.4.2/payments-1.4.2.zip"},
               {"name": "ARTIFACT_ETAG", "value": "b1946ac92492d2347c6235b4d2611184"}],
             "sourceRevisions": [{"actionName": "Source", "revisionType": "S3_OBJECT_KEY",
                                  "revisionValue": "releases/payments/1.4.2/payments-1.4.2.zip"},
                                 {"actionName": "Source", "revisionType": "S3_OBJECT_VERSION_ID",
                                  "revisionValue": "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd"}]}
            """.formatted(expectedToken))));

    Map<String, AttributeValue> record = release("acme-releases", "releases/payments/1.4.2/payments-1.4.2.zip",
        "v:3HL4kqtJlcpXroDTDmjVBH40Nrjfkd");
    assertEquals("STARTED", record.get("status").s());
    assertEquals("4f8a1c2e-0000-4000-8000-000000000001", record.get("executionId").s());
    assertEquals("service-releases", record.get("rule").s());
    assertEquals("payments-deploy", record.get("pipeline").s());
    assertEquals("1.4.2", record.get("variables").m().get("VERSION").s());
    assertEquals(expectedToken, record.get("clientRequestToken").s());
    assertTrue(record.containsKey("requestedAt") && record.containsKey("completedAt"));
    Map<String, AttributeValue> link = item("PIPELINE#payments-deploy",
        "EXEC#4f8a1c2e-0000-4000-8000-000000000001#RELEASE");
    assertEquals("releases/payments/1.4.2/payments-1.4.2.zip", link.get("key").s());
  }

  @Test
  void givenTheSameEventTwice_thenOneStartAndTheSecondIsADuplicate() {
    stub(startCall().willReturn(ok("{\"pipelineExecutionId\":\"exec-1\"}")));
    String event = Events.load("s3-object-created.json");

    Invocation first = fn.invoke(event);
    Invocation second = fn.invoke(event);

    assertTrue(first.bodyText().contains("\"outcome\":\"STARTED\""), first::toString);
    assertTrue(second.bodyText().contains("\"outcome\":\"DUPLICATE\""), second::toString);
    assertTrue(second.bodyText().contains("\"executionId\":\"exec-1\""), second::toString);
    assertEquals(1, starts().size());
  }

  @Test
  void givenTwoCopiesDeliveredInParallel_thenExactlyOneStart() throws Exception {
    stub(startCall().willReturn(ok("{\"pipelineExecutionId\":\"exec-race\"}").withFixedDelay(300)));
    LocalLambda other = stack.function(FUNCTION, Map.of("BATON_TABLE", table));
    String event = Events.load("s3-object-created-multipart.json");
    fn.invoke("{\"Event\":\"s3:TestEvent\",\"Service\":\"Amazon S3\"}");   // warm both, so they race for real
    other.invoke("{\"Event\":\"s3:TestEvent\",\"Service\":\"Amazon S3\"}");

    CompletableFuture<Invocation> a = CompletableFuture.supplyAsync(() -> fn.invoke(event));
    CompletableFuture<Invocation> b = CompletableFuture.supplyAsync(() -> other.invoke(event));
    List<String> outcomes = List.of(a.get().bodyText(), b.get().bodyText());

    assertEquals(1, starts().size(), outcomes::toString);
    assertEquals(1, outcomes.stream().filter(o -> o.contains("\"outcome\":\"STARTED\"")).count(), outcomes::toString);
    assertEquals(1, outcomes.stream().filter(o -> o.contains("\"outcome\":\"DUPLICATE\"")).count(), outcomes::toString);
    stack.wiremock().verify(postRequestedFor(urlEqualTo("/"))
        .withRequestBody(matchingJsonPath("$.name", equalTo("ledger-deploy")))
        .withRequestBody(matchingJsonPath("$.variables[1].value", equalTo("2.0.0-rc.1"))));
  }

  @Test
  void givenAnotherDeliveryStillStarting_thenThisOneFailsForLambdasRetry_andTheRetryAfterTheLeaseStartsItOnce()
      throws Exception {
    stub(startCall().willReturn(ok("{\"pipelineExecutionId\":\"exec-after-lease\"}")));
    String event = Events.load("s3-object-created.json");
    S3Object upload = S3Events.uploads(Json.parseObject(event)).getFirst();
    ReleasePlan plan = ReleaseRules.parse("config/release-rules.json",
        Files.newInputStream(Repo.root().resolve("config/release-rules.json"))).plan(upload).orElseThrow();
    Instant now = Instant.now();
    new DynamoReleaseStore(stack.dynamo(), table, Optional.empty()).claim(new ReleaseRecord(upload, plan.rule(),
        plan.pipeline(), plan.variables(), plan.sourceRevision(), plan.clientRequestToken(), ReleaseStatus.STARTING,
        now, Optional.empty(), Optional.empty(), Optional.empty(), now.plusSeconds(60), 1, Optional.empty()));   // died, or is slow

    Invocation first = fn.invoke(event);

    assertTrue(first.failed(), first::toString);
    assertTrue(first.bodyText().contains("\"errorType\":\"dev.baton.core.release.ReleaseInProgressException\""),
        first::bodyText);
    assertTrue(fn.log().contains("this delivery fails so that Lambda retries it"), fn::log);
    assertFalse(fn.log().contains("\"level\":\"ERROR\""), fn::log);
    assertEquals(0, starts().size());
    Map<String, AttributeValue> claimed = release("acme-releases", "releases/payments/1.4.2/payments-1.4.2.zip",
        "v:3HL4kqtJlcpXroDTDmjVBH40Nrjfkd");
    assertEquals("STARTING", claimed.get("status").s(), "not reported as a duplicate: the holder may be dead");

    // Lambda's retry comes a minute later: the holder's lease has run out by then
    stack.dynamo().updateItem(b -> b.tableName(table).key(Map.of("pk", claimed.get("pk"), "sk", claimed.get("sk")))
        .updateExpression("SET leaseUntil = :past").expressionAttributeValues(Map.of(":past",
            AttributeValue.fromN(Long.toString(now.minusSeconds(1).toEpochMilli())))));
    Invocation retry = fn.invoke(event);

    assertTrue(retry.bodyText().contains("\"outcome\":\"STARTED\""), retry::toString);
    assertEquals(1, starts().size());
    assertTrue(starts().getFirst().getBodyAsString().contains(plan.clientRequestToken()));
    assertEquals("2", release("acme-releases", "releases/payments/1.4.2/payments-1.4.2.zip",
        "v:3HL4kqtJlcpXroDTDmjVBH40Nrjfkd").get("attempts").n());
  }

  @Test
  void givenACopyWithAnEncodedUnicodeKey_thenTheDecodedKeyIsMatchedAndPinned() {
    stub(startCall().willReturn(ok("{\"pipelineExecutionId\":\"exec-copy\"}")));

    Invocation result = fn.invoke(Events.load("s3-notification-copy.json"));

    assertTrue(result.bodyText().contains("\"outcome\":\"STARTED\""), result::toString);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/"))
        .withRequestBody(matchingJsonPath("$.name", equalTo("billing-api-deploy")))
        .withRequestBody(matchingJsonPath("$.variables[1].value", equalTo("3.1.0+build.7")))
        .withRequestBody(matchingJsonPath("$.variables[2].value",
            equalTo("releases/billing-api/3.1.0+build.7/billing api 3.1.0 ✓.zip"))));
  }

  @Test
  void givenAnUnversionedBucket_thenTheSourceIsPinnedByKeyWhenTheRuleAsks() {
    stub(startCall().willReturn(ok("{\"pipelineExecutionId\":\"exec-site\"}")));

    Invocation result = fn.invoke(Events.load("s3-object-created-unversioned.json"));

    assertTrue(result.bodyText().contains("\"outcome\":\"STARTED\""), result::toString);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson("""
        {"name": "static-site-publish", "clientRequestToken": "${json-unit.any-string}",
         "variables": [{"name": "BUNDLE", "value": "site-bundle.tar.gz"}]}""")));
  }

  @Test
  void givenNoMatchingRule_thenNoCallAndNothingStored() {
    Invocation result = fn.invoke(Events.load("s3-object-created-no-rule.json"));

    assertTrue(result.bodyText().contains("\"outcome\":\"NO_MATCHING_RULE\""), result::toString);
    assertEquals(0, stack.wiremock().getAllServeEvents().size());
    assertEquals(0, stack.dynamo().scan(b -> b.tableName(table)).count());
    assertEquals(1, fn.log().lines().filter(l -> l.contains("no release rule matches")).count(), fn.log());
  }

  @Test
  void givenAnUnknownPipeline_thenAFailedReleaseIsRecordedWithTheReasonAndNotRetried() {
    stub(startCall().withRequestBody(matchingJsonPath("$.name", equalTo("ghost-deploy")))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\":\"PipelineNotFoundException\",\"message\":\"Account '123456789012' does not have "
                + "a pipeline with name 'ghost-deploy'\"}")));

    Invocation result = fn.invoke(Events.load("s3-object-created-unknown-pipeline.json"));
    Invocation again = fn.invoke(Events.load("s3-object-created-unknown-pipeline.json"));

    assertFalse(result.failed(), result::toString);
    assertTrue(result.bodyText().contains("\"outcome\":\"FAILED\""), result::toString);
    assertTrue(again.bodyText().contains("\"outcome\":\"DUPLICATE\""), again::toString);
    assertEquals(1, starts().size());
    Map<String, AttributeValue> record = release("acme-releases", "releases/ghost/0.0.1/ghost-0.0.1.zip",
        "v:gH0stV3rs10n1dXXXXXXXXXXXXXXXXXX");
    assertEquals("FAILED", record.get("status").s());
    assertTrue(record.get("failureReason").s().contains("ghost-deploy does not exist"), record.toString());
  }

  @Test
  void givenCodePipeline503ThenThrottling_thenTheStartIsRetriedWithTheSameTokenAndSucceeds() {
    stub(startCall().inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("throttled")
        .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
    stub(startCall().inScenario("flaky").whenScenarioStateIs("throttled").willSetStateTo("ok")
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));
    stub(startCall().inScenario("flaky").whenScenarioStateIs("ok")
        .willReturn(ok("{\"pipelineExecutionId\":\"exec-after-retry\"}")));

    Invocation result = fn.invoke(Events.load("s3-object-created.json"));

    assertTrue(result.bodyText().contains("\"executionId\":\"exec-after-retry\""), result::toString);
    List<LoggedRequest> starts = starts();
    assertEquals(3, starts.size());
    assertEquals(1, starts.stream().map(r -> r.getBodyAsString().replaceAll(".*\"clientRequestToken\":\"([^\"]+)\".*",
        "$1")).distinct().count(), "every retry carries the same clientRequestToken");
  }

  @Test
  void givenCodePipelineDownForAWholeInvocation_thenLambdasRetryTakesTheReleaseOverAndStartsItOnce() {
    int sdkAttempts = 4;
    for (int i = 0; i < sdkAttempts; i++) {
      stub(startCall().inScenario("outage").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "down-" + i)
          .willSetStateTo("down-" + (i + 1))
          .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
              .withBody("{\"__type\":\"InternalFailure\"}")));
    }
    stub(startCall().inScenario("outage").whenScenarioStateIs("down-" + sdkAttempts)
        .willReturn(ok("{\"pipelineExecutionId\":\"exec-redelivered\"}")));

    int parkedBefore = stack.deadLetters("ReleaseDeadLetterQueue").size();

    List<Invocation> attempts = stack.invokeAsync(FUNCTION, fn, Events.load("s3-object-created.json"));

    assertEquals(2, attempts.size(), attempts::toString);
    assertTrue(attempts.get(0).failed() && attempts.get(0).bodyText().contains("InternalFailure"), attempts::toString);
    assertTrue(attempts.get(1).bodyText().contains("\"outcome\":\"STARTED\""), attempts::toString);
    assertEquals(sdkAttempts + 1, starts().size());
    assertEquals(1, starts().stream().map(r -> r.getBodyAsString()).distinct().count(), "the same request each time");
    Map<String, AttributeValue> record = release("acme-releases", "releases/payments/1.4.2/payments-1.4.2.zip",
        "v:3HL4kqtJlcpXroDTDmjVBH40Nrjfkd");
    assertEquals("STARTED", record.get("status").s());
    assertEquals("exec-redelivered", record.get("executionId").s());
    assertEquals("2", record.get("attempts").n());
    assertEquals(parkedBefore, stack.deadLetters("ReleaseDeadLetterQueue").size(), "nothing parked");
  }

  @Test
  void givenAMalformedEvent_thenItFailsWithAClearError_reachesTheDeadLetterQueue_andNothingIsWritten() {
    String event = Events.load("s3-malformed.json");
    int parkedBefore = stack.deadLetters("ReleaseDeadLetterQueue").size();

    List<Invocation> attempts = stack.invokeAsync(FUNCTION, fn, event);

    assertEquals(3, attempts.size(), "the first attempt and Lambda's two retries");
    Invocation result = attempts.get(2);
    assertTrue(result.failed(), result::toString);
    assertTrue(result.bodyText().contains("\"errorType\":\"dev.baton.core.json.MalformedJsonException\""),
        result::bodyText);
    assertTrue(result.bodyText().contains("$.detail.object: missing"), result::bodyText);
    assertEquals(0, stack.dynamo().scan(b -> b.tableName(table)).count());
    assertEquals(0, stack.wiremock().getAllServeEvents().size());
    List<String> parked = stack.deadLetters("ReleaseDeadLetterQueue");
    assertEquals(parkedBefore + 1, parked.size());
    String record = parked.get(parked.size() - 1);
    assertTrue(record.contains("\"condition\":\"RetriesExhausted\""), record);
    assertTrue(record.contains("\"requestPayload\":" + event.strip()), "the whole event, to replay");
    assertTrue(record.contains("$.detail.object: missing"), record);
  }

  private static MappingBuilder startCall() {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START));
  }

  private static void stub(MappingBuilder mapping) {
    stack.wiremock().stubFor(mapping);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  private static List<LoggedRequest> starts() {
    return stack.wiremock().findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START)));
  }

  private Map<String, AttributeValue> release(String bucket, String key, String uploadId) {
    return item("RELEASE#" + bucket + "/" + key, "UPLOAD#" + uploadId);
  }

  private Map<String, AttributeValue> item(String pk, String sk) {
    Map<String, AttributeValue> item = stack.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    assertTrue(item != null && !item.isEmpty(), "no item " + pk + " / " + sk);
    return item;
  }

  /** The token contract: stable across deployments, so a redelivery after an upgrade is still the same request. */
  private static String token(String bucket, String key, String uploadId, String pipeline) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((bucket + "\n" + key + "\n" + uploadId + "\n" + pipeline)
          .getBytes(StandardCharsets.UTF_8));
      return "baton-" + HexFormat.of().formatHex(d, 0, 24);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
