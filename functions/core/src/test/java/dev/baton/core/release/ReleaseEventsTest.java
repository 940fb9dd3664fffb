package dev.baton.core.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.aws.LocalWireMock;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoReleaseStore;
import dev.baton.aws.dynamodb.LocalDynamo;
import dev.baton.core.events.BatonEvent;
import dev.baton.core.events.DetailType;
import dev.baton.core.events.EventPublishException;
import dev.baton.core.events.EventPublisher;
import dev.baton.core.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;

/**
 * The release's events: published after the outcome is recorded, and a redelivery after a failed publish publishes
 * the very same event (id, time, detail) without a second start.
 */
class ReleaseEventsTest {
  private static final String START = "CodePipeline_20150709.StartPipelineExecution";
  @RegisterExtension static final LocalDynamo dynamo = new LocalDynamo();
  @RegisterExtension static final LocalWireMock codepipeline = new LocalWireMock();
  private static final CodePipelineClient client = codepipeline.client(CodePipelineClient.builder());

  private final S3Object upload = new S3Object("acme-releases", "releases/payments/1.4.2/payments.zip",
      Optional.of("v-1"), "etag-1", "seq-1", 10, "PutObject");
  private final ReleaseRules rules = ReleaseRules.parse("test", Json.parseObject("""
      {"rules": [{"name": "svc", "key": "releases/{service}/{version}/*.zip", "pipeline": "{service}-deploy",
                  "sourceAction": "Source"}]}"""));
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T09:00:00.123Z"), ZoneOffset.UTC);
  private ReleaseStore store;
  private final List<BatonEvent> published = new ArrayList<>();
  private boolean busDown;
  private final EventPublisher bus = events -> {
    if (busDown) {
      throw new EventPublishException("down");
    }
    published.addAll(events);
  };

  @BeforeEach
  void fresh() {
    store = new DynamoReleaseStore(dynamo.client(), dynamo.newTable(), Optional.empty());
  }

  private ReleaseTrigger trigger() {
    return ReleaseTrigger.builder(rules, store, new CodePipelineStarter(client)).clock(clock)
        .events(bus, "eu-west-1").build();
  }

  @Test
  void givenAStart_thenOneReleaseStartedEventAfterTheRecord_withTheUploadTheRuleAndTheConsoleLink() {
    stubStart(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"pipelineExecutionId\":\"exec-1\"}"));

    trigger().handle(upload);

    BatonEvent e = published.getFirst();
    assertEquals(1, published.size());
    assertEquals(DetailType.RELEASE_STARTED, e.type());
    assertEquals(BatonEvent.stableId(DetailType.RELEASE_STARTED, "acme-releases",
        "releases/payments/1.4.2/payments.zip", "v:v-1", "payments-deploy"), e.id());
    assertEquals(Map.of("id", e.id(), "pipeline", "payments-deploy", "executionId", "exec-1",
        "actor", Map.of("type", "s3-object", "id", "s3://acme-releases/releases/payments/1.4.2/payments.zip"
            + "?versionId=v-1"),
        "links", Map.of("execution", "https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/"
            + "payments-deploy/executions/exec-1/timeline?region=eu-west-1"),
        "time", "2026-11-20T09:00:00.123Z", "rule", "svc",
        "object", Map.of("bucket", "acme-releases", "key", "releases/payments/1.4.2/payments.zip", "versionId", "v-1",
            "etag", "etag-1")), e.detail());
    assertEquals(ReleaseStatus.STARTED, store.find(upload).orElseThrow().status());
  }

  @Test
  void givenTheBusDownAfterTheStart_thenTheInvocationFails_andTheRedeliveryPublishesTheSameEventWithoutStartingAgain() {
    stubStart(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"pipelineExecutionId\":\"exec-1\"}"));
    busDown = true;
    assertThrows(EventPublishException.class, () -> trigger().handle(upload));
    assertEquals(ReleaseStatus.STARTED, store.find(upload).orElseThrow().status(), "the start stays recorded");
    busDown = false;
    Clock later = Clock.offset(clock, java.time.Duration.ofMinutes(1));

    ReleaseOutcome retry = ReleaseTrigger.builder(rules, store, new CodePipelineStarter(client)).clock(later)
        .events(bus, "eu-west-1").build().handle(upload);

    assertEquals(ReleaseOutcome.Kind.DUPLICATE, retry.kind());
    assertEquals(1, codepipeline.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlEqualTo("/"))).size());
    assertEquals(1, published.size());
    BatonEvent expected = new ReleaseEvents("eu-west-1").event(new ReleaseOutcome(upload,
        ReleaseOutcome.Kind.STARTED, Optional.of("svc"), Optional.of("payments-deploy"), Optional.of("exec-1"),
        Optional.empty(), Optional.of(clock.instant()))).orElseThrow();
    assertEquals(expected, published.getFirst());
  }

  @Test
  void givenARefusedStart_thenOneReleaseFailedEventWithTheReason_andNoExecution() {
    stubStart(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"PipelineNotFoundException\",\"message\":\"no such pipeline\"}"));

    trigger().handle(upload);

    BatonEvent e = published.getFirst();
    assertEquals(DetailType.RELEASE_FAILED, e.type());
    assertEquals(Optional.empty(), e.executionId());
    assertEquals("pipeline payments-deploy does not exist in this account and region (PipelineNotFoundException)",
        e.detail().get("reason"));
    assertEquals(Map.of(), e.links());
  }

  private static void stubStart(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    codepipeline.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START)).willReturn(answer));
  }
}
