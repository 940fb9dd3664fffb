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

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Promotion chains through the packaged release-trigger and the shipped config/promotions.json: an upload releases
 * payments-deploy; its SUCCEEDED event (events/codepipeline-pipeline-succeeded.json) starts payments-staging once,
 * pinned to the uploaded object's key and version, however often and in whatever order the execution's events
 * arrive; a failed execution promotes nothing; the staging success goes on to payments-prod with the same
 * revision. An execution Baton did not start is pinned to what CodePipeline's GetPipelineExecution reports. A
 * refused start is recorded FAILED; CodePipeline down fails the invocation for Lambda to retry with the same token; a
 * malformed event fails naming the field (then Lambda's retries and the release dead-letter queue).
 */
class PromotionE2ETest extends StackTest {
  private static final String FUNCTION = "ReleaseTriggerFunction";
  private static final String START = "CodePipeline_20150709.StartPipelineExecution";
  private static final String GET = "CodePipeline_20150709.GetPipelineExecution";
  private static final String RELEASED = "4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304";
  private static final String STAGING = "5b9e2d3f-8c4a-4f2a-b1d6-a3c7f2e8e415";
  private static final String PROD = "7c1a9e4b-2f6d-4a8c-b3e5-d9f0a1b2c3d4";
  private static final String KEY = "releases/payments/1.4.2/payments-1.4.2.zip";
  private static final String VERSION = "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd";

  @TempDir
  Path dir;
  private String table;
  private LocalLambda fn;

  @BeforeEach
  void freshTableAndFunction() {
    table = freshTable("promotions");
    fn = stack.function(FUNCTION, Map.of("BATON_TABLE", table));
    startAnswers("payments-deploy", RELEASED);
    startAnswers("payments-staging", STAGING);
    startAnswers("payments-prod", PROD);
  }

  private static void startAnswers(String pipeline, String executionId) {
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START))
        .withRequestBody(matchingJsonPath("$.name", equalTo(pipeline)))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"pipelineExecutionId\":\"" + executionId + "\"}")));
  }

  private void released() {
    Invocation release = fn.invoke(Events.load("s3-object-created.json"));
    assertTrue(release.bodyText().contains("\"executionId\":\"" + RELEASED + "\""), release::toString);
  }

  @Test
  void givenAReleasedExecutionThatSucceeded_underDuplicatesAndShuffledEvents_thenStagingStartsOnce_pinnedToTheUpload() {
    released();
    List<String> events = new ArrayList<>(List.of("codepipeline-pipeline-started.json",
        "codepipeline-stage-started.json", "codepipeline-stage-succeeded.json", "codepipeline-pipeline-succeeded.json",
        "codepipeline-pipeline-succeeded.json", "codepipeline-pipeline-succeeded.json", "codepipeline-pipeline-failed.json",
        "codepipeline-pipeline-resumed.json", "codepipeline-pipeline-canceled.json",
        "codepipeline-pipeline-superseded.json"));
    Collections.shuffle(events, new Random(11));

    List<Invocation> results = events.stream().map(e -> fn.invoke(Events.load(e))).toList();

    results.forEach(r -> assertFalse(r.failed(), r::toString));
    assertEquals(1, results.stream().filter(r -> r.bodyText().contains("\"outcome\":\"STARTED\"")).count(),
        results::toString);
    assertEquals(2, results.stream().filter(r -> r.bodyText().contains("\"outcome\":\"DUPLICATE\"")).count(),
        results::toString);
    List<LoggedRequest> staging = starts("payments-staging");
    assertEquals(1, staging.size(), "one start of staging");
    JsonObject body = Json.parseObject(staging.getFirst().getBodyAsString());
    assertEquals(Json.parseObject("""
        {"name": "payments-staging", "clientRequestToken": "%s",
         "variables": [{"name": "ARTIFACT_ETAG", "value": "b1946ac92492d2347c6235b4d2611184"},
                       {"name": "ARTIFACT_KEY", "value": "%s"},
                       {"name": "SERVICE", "value": "payments"}, {"name": "VERSION", "value": "1.4.2"},
                       {"name": "PROMOTED_FROM", "value": "payments-deploy/%s"}],
         "sourceRevisions": [{"actionName": "Source", "revisionType": "S3_OBJECT_KEY", "revisionValue": "%s"},
                             {"actionName": "Source", "revisionType": "S3_OBJECT_VERSION_ID",
                              "revisionValue": "%s"}]}"""
        .formatted(body.string("clientRequestToken"), KEY, RELEASED, KEY, VERSION)).asMap(), body.asMap());
    assertTrue(body.string("clientRequestToken").matches("baton-[0-9a-f]{48}"), body.toString());
    assertEquals(0, stack.wiremock().findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo(GET))).size(), "Baton's release record is the source of the revision");
    Map<String, AttributeValue> record = item("PROMOTION#payments-deploy#" + RELEASED, "TO#payments-staging");
    assertEquals("STARTED", record.get("status").s());
    assertEquals(STAGING, record.get("executionId").s());
    assertEquals(body.string("clientRequestToken"), record.get("clientRequestToken").s());
    Map<String, AttributeValue> link = item("PIPELINE#payments-staging", "EXEC#" + STAGING + "#PROMOTION");
    assertEquals("payments-deploy", link.get("sourcePipeline").s());
    assertEquals(RELEASED, link.get("sourceExecutionId").s());
    assertEquals("UPLOAD", link.get("changeKind").s());
  }

  @Test
  void givenAFailedExecution_thenNothingIsPromoted() {
    released();

    Invocation failed = fn.invoke(Events.load("codepipeline-pipeline-failed.json"));

    assertEquals("{\"promotions\":[]}", failed.bodyText());
    assertEquals(0, starts("payments-staging").size());
    assertEquals(0, PublishedEvents.entries(stack.eventBridge()).stream()
        .filter(e -> e.string("DetailType").startsWith("Baton Promotion")).count());
  }

  @Test
  void givenAPromotion_thenOnePutEventsWithThePromotionStartedSample_andADuplicatePublishesTheSameEventAgain() {
    released();
    stack.resetEventBridge();

    fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));
    fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));

    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(2, entries.size(), entries::toString);
    PublishedEvents.assertIsSample("baton-promotion-started.json", entries.getFirst(), Set.of("time", "change"));
    assertEquals(entries.get(0).asMap(), entries.get(1).asMap(), "the duplicate republishes the same event");
    JsonObject change = Json.parseObject(entries.getFirst().string("Detail")).object("change");
    assertEquals("upload", change.string("kind"));
    assertEquals("s3://acme-releases/" + KEY + "?versionId=" + VERSION, change.string("ref"));
  }

  @Test
  void givenTheStagingExecutionSucceeds_thenProdStartsWithTheSameRevision_andTheChainEndsThere() {
    released();
    fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));

    Invocation toProd = fn.invoke(Events.load("codepipeline-pipeline-succeeded-staging.json"));

    assertTrue(toProd.bodyText().contains("\"to\":\"payments-prod\",\"rule\":\"payments-to-prod\","
        + "\"outcome\":\"STARTED\",\"executionId\":\"" + PROD + "\""), toProd::toString);
    List<LoggedRequest> prod = starts("payments-prod");
    assertEquals(1, prod.size());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START))
        .withRequestBody(matchingJsonPath("$.name", equalTo("payments-prod")))
        .withRequestBody(matchingJsonPath("$.sourceRevisions", equalToJson("""
            [{"actionName": "Source", "revisionType": "S3_OBJECT_KEY", "revisionValue": "%s"},
             {"actionName": "Source", "revisionType": "S3_OBJECT_VERSION_ID", "revisionValue": "%s"}]"""
            .formatted(KEY, VERSION))))
        .withRequestBody(matchingJsonPath("$.variables[?(@.name == 'PROMOTED_FROM')].value",
            equalTo("payments-staging/" + STAGING))));
    Map<String, AttributeValue> link = item("PIPELINE#payments-prod", "EXEC#" + PROD + "#PROMOTION");
    assertEquals("UPLOAD", link.get("changeKind").s(), "prod's change is the upload that started the chain");
    assertEquals(item("PIPELINE#payments-staging", "EXEC#" + STAGING + "#PROMOTION").get("changeAt").s(),
        link.get("changeAt").s());
  }

  @Test
  void givenASourceBatonDidNotStart_thenTheRevisionIsTheOneGetPipelineExecutionReports() throws IOException {
    Path promotions = dir.resolve("promotions.json");
    Files.writeString(promotions, """
        {"promotions": [{"name": "built-to-staging", "from": "payments-deploy", "to": "payments-staging",
                         "sourceAction": "Source", "variables": {"BUILD": "{variables.BUILD_ID}"}}]}""");
    fn = stack.function(FUNCTION, Map.of("BATON_TABLE", table, "BATON_PROMOTIONS", promotions.toString()));
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(GET))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("""
                {"pipelineExecution": {"pipelineName": "payments-deploy", "pipelineExecutionId": "%s",
                  "status": "Succeeded",
                  "artifactRevisions": [{"name": "SourceArtifact", "revisionId": "Wq9cE2rT7yUiOp3aSdFgHjKlZxCvBnM1",
                    "revisionSummary": "payments-1.4.3.zip", "created": 1.7636299E9}],
                  "variables": [{"name": "BUILD_ID", "resolvedValue": "b-2041"}]}}""".formatted(RELEASED))));

    Invocation promoted = fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));

    assertTrue(promoted.bodyText().contains("\"outcome\":\"STARTED\""), promoted::toString);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(GET))
        .withRequestBody(equalToJson("{\"pipelineName\": \"payments-deploy\", \"pipelineExecutionId\": \""
            + RELEASED + "\"}")));
    JsonObject body = Json.parseObject(starts("payments-staging").getFirst().getBodyAsString());
    assertEquals(List.of(Map.of("actionName", "Source", "revisionType", "S3_OBJECT_VERSION_ID",
        "revisionValue", "Wq9cE2rT7yUiOp3aSdFgHjKlZxCvBnM1")), body.asMap().get("sourceRevisions"));
    assertEquals(List.of(Map.of("name", "BUILD", "value", "b-2041")), body.asMap().get("variables"));
  }

  @Test
  void givenARefusedStart_thenThePromotionIsRecordedFailedWithTheReason_andARedeliveryDoesNotRetryIt() {
    released();
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START))
        .withRequestBody(matchingJsonPath("$.name", equalTo("payments-staging")))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\":\"PipelineNotFoundException\",\"message\":\"no pipeline payments-staging\"}")));

    Invocation first = fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));
    Invocation again = fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));

    assertFalse(first.failed(), first::toString);
    assertTrue(first.bodyText().contains("\"outcome\":\"FAILED\",\"reason\":\"pipeline payments-staging does not "
        + "exist in this account and region (PipelineNotFoundException)\""), first::toString);
    assertTrue(again.bodyText().contains("\"outcome\":\"DUPLICATE\""), again::toString);
    assertEquals(1, starts("payments-staging").size());
    Map<String, AttributeValue> record = item("PROMOTION#payments-deploy#" + RELEASED, "TO#payments-staging");
    assertEquals("FAILED", record.get("status").s());
    assertTrue(record.get("failureReason").s().contains("PipelineNotFoundException"), record::toString);
  }

  @Test
  void givenCodePipelineDownThroughTheWholeInvocation_thenItFails_andLambdasRetryStartsItOnceWithTheSameToken() {
    released();
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START))
        .withRequestBody(matchingJsonPath("$.name", equalTo("payments-staging"))).atPriority(1)
        .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\":\"ServiceUnavailableException\",\"message\":\"try later\"}")));

    Invocation down = fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));
    int attempts = starts("payments-staging").size();
    stack.wiremock().removeStub(stack.wiremock().getStubMappings().stream().filter(s -> s.getPriority() != null
        && s.getPriority() == 1).findFirst().orElseThrow());
    Invocation retry = fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));

    assertTrue(down.failed(), down::toString);
    assertTrue(retry.bodyText().contains("\"outcome\":\"STARTED\""), retry::toString);
    List<LoggedRequest> all = starts("payments-staging");
    assertEquals(attempts + 1, all.size());
    assertEquals(1, all.stream().map(r -> Json.parseObject(r.getBodyAsString()).string("clientRequestToken"))
        .distinct().count(), "every attempt is the same request to CodePipeline");
    assertEquals("STARTED", item("PROMOTION#payments-deploy#" + RELEASED, "TO#payments-staging").get("status").s());
  }

  @Test
  void givenASuccessBatonDidNotRelease_thenThePromotionForReleasesSkipsIt_withoutAskingCodePipeline() {
    Invocation result = fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));

    assertFalse(result.failed(), result::toString);
    assertEquals("{\"promotions\":[]}", result.bodyText());
    assertEquals(0, stack.wiremock().findAll(postRequestedFor(urlEqualTo("/"))).size(),
        "no GetPipelineExecution, no start: the shipped promotion takes releases of service-releases only");
  }

  @Test
  void givenAMalformedSucceededEvent_thenTheInvocationFailsNamingTheField_andNothingIsStartedOrRecorded() {
    released();

    Invocation malformed = fn.invoke(Events.load("codepipeline-pipeline-succeeded-malformed.json"));

    assertTrue(malformed.failed(), malformed::toString);
    assertTrue(malformed.bodyText().contains("$.detail.execution-id: missing"), malformed::toString);
    assertEquals(0, starts("payments-staging").size());
    assertEquals(0, stack.dynamo().scan(b -> b.tableName(table)).items().stream()
        .filter(i -> i.get("pk").s().startsWith("PROMOTION#")).count(), "no promotion recorded");
  }

  private static List<LoggedRequest> starts(String pipeline) {
    return stack.wiremock().findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START))
        .withRequestBody(matchingJsonPath("$.name", equalTo(pipeline))));
  }

  private Map<String, AttributeValue> item(String pk, String sk) {
    Map<String, AttributeValue> item = stack.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    assertTrue(item != null && !item.isEmpty(), "no item " + pk + " / " + sk);
    return item;
  }
}
