package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.cli.Baton;
import dev.baton.core.json.Json;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalSqs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Parked, fixed, replayed: the packaged release-trigger function fails an upload while CodePipeline is down, Lambda's
 * retries run out and the invocation record lands in the release dead-letter queue (LocalSqs); once CodePipeline is
 * back, {@code ./baton replay} sends the event to the function's live alias (WireMock playing Lambda's Invoke hands it
 * to the packaged function, as Lambda's event queue would) and deletes the message: the release starts once, with
 * the same idempotency token its failed attempts carried.
 */
class ReplayE2ETest extends StackTest {
  private static final String FUNCTION = "ReleaseTriggerFunction";
  private static final String START = "CodePipeline_20150709.StartPipelineExecution";
  private static final String NAME = "baton-local-" + FUNCTION;

  private final LocalSqs sqs = LocalSqs.start();

  @AfterEach
  void stop() {
    System.clearProperty("aws.endpointUrlSqs");
    System.clearProperty("aws.endpointUrlLambda");
    sqs.close();
  }

  @Test
  void givenAReleaseParkedDuringACodePipelineOutage_whenReplayedAfterwards_thenItStartsOnceAndTheQueueIsEmpty() {
    String table = freshTable("replay");
    LocalLambda fn = stack.function(FUNCTION, Map.of("BATON_TABLE", table));
    String event = Events.load("s3-object-created.json");
    stack.wiremock().stubFor(start().willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"__type\":\"InternalFailure\"}")));

    List<Invocation> attempts = stack.invokeAsync(FUNCTION, fn, event);

    assertEquals(3, attempts.size(), "the first attempt and Lambda's two retries");
    List<String> failedTokens = tokens();
    assertEquals(1, failedTokens.size(), "every failed attempt was the same request");
    List<String> parked = stack.deadLetters("ReleaseDeadLetterQueue");
    String queue = sqs.createQueue("baton-local-ReleaseDeadLetterQueue");
    String messageId = sqs.send(queue, parked.getLast(), Map.of());

    // the cause is fixed: CodePipeline answers again
    stack.wiremock().resetAll();
    stack.wiremock().stubFor(start().willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"pipelineExecutionId\":\"0c5e7a19-4d3b-4f2e-8a61-9b7d2c4e6f80\"}")));
    stack.wiremock().stubFor(post(urlPathMatching("/2015-03-31/functions/.+/invocations"))
        .willReturn(aResponse().withStatus(202)));
    System.setProperty("aws.endpointUrlSqs", sqs.endpoint());
    System.setProperty("aws.endpointUrlLambda", stack.wiremockUrl());

    String out = replay("--queue-url", queue, "--function", NAME, "--all", "--yes");

    assertTrue(out.contains(messageId + "  replayed to " + NAME + ":live (accepted), deleted from the queue"), out);
    List<LoggedRequest> invokes = stack.wiremock().findAll(postRequestedFor(urlEqualTo("/2015-03-31/functions/" + NAME
        + "%3Alive/invocations")).withHeader("X-Amz-Invocation-Type", equalTo("Event")));
    assertEquals(1, invokes.size());
    assertEquals(Json.parseObject(event).asMap(), Json.parseObject(invokes.getFirst().getBodyAsString()).asMap(),
        "the event exactly as S3 sent it");
    assertEquals(List.of(), sqs.messageIds(queue), "deleted after the 202");
    assertEquals(1, sqs.requests("DeleteMessage").size());

    // Lambda runs the queued event
    Invocation replayed = fn.invoke(invokes.getFirst().getBodyAsString());

    assertTrue(replayed.bodyText().contains("\"outcome\":\"STARTED\""), replayed::toString);
    assertEquals(1, stack.wiremock().findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(START))).size(), "one start");
    assertEquals(failedTokens, tokens(), "the failed attempts' request once more: CodePipeline starts it once");
    String token = failedTokens.getFirst();
    Map<String, AttributeValue> release = stack.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("RELEASE#acme-releases/releases/payments/1.4.2/payments-1.4.2.zip"),
            "sk", AttributeValue.fromS("UPLOAD#v:3HL4kqtJlcpXroDTDmjVBH40Nrjfkd")))).item();
    assertEquals("STARTED", release.get("status").s());
    assertEquals("0c5e7a19-4d3b-4f2e-8a61-9b7d2c4e6f80", release.get("executionId").s());
    assertEquals(token, release.get("clientRequestToken").s());
  }

  /** The distinct idempotency tokens of the StartPipelineExecution calls made so far. */
  private static List<String> tokens() {
    return stack.wiremock().findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START)))
        .stream().map(r -> Json.parseObject(r.getBodyAsString()).string("clientRequestToken")).distinct().toList();
  }

  private static MappingBuilder start() {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START));
  }

  private static String replay(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "replay";
      System.arraycopy(args, 0, all, 1, args.length);
      assertEquals(0, new CommandLine(new Baton()).execute(all), () -> out.toString(StandardCharsets.UTF_8));
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(old);
    }
  }
}
