package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cli.Baton;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A two-pipeline chain through the packaged functions and the command line: a Git-triggered payments-build
 * execution succeeds (events/codepipeline-pipeline-succeeded-git.json), release-trigger promotes it to
 * payments-staging pinned to its commit (what GetPipelineExecution reports), pipeline-history records the staging
 * execution's success (events/codepipeline-pipeline-succeeded-staging.json); then {@code ./baton history show}
 * says where it was promoted from and {@code ./baton dora} counts staging's lead time from the commit.
 */
class PromotionHistoryE2ETest extends StackTest {
  private static final String SOURCE = "b7d3e9f1-2a4c-4e6b-8d0f-1a3c5e7b9d2f";
  private static final String STAGING = "5b9e2d3f-8c4a-4f2a-b1d6-a3c7f2e8e415";
  private static final String COMMIT = "3c1e5a7f9b2d4f6a8c0e2d4f6a8c0e1b3d5f7a9c";

  @TempDir
  Path dir;

  @Test
  void givenAPromotedExecution_thenHistoryShowSaysWhereFrom_andDoraCountsItsLeadTimeFromTheCommit() throws Exception {
    String table = freshTable("promotion-history");
    Path promotions = dir.resolve("promotions.json");
    Files.writeString(promotions, """
        {"promotions": [{"name": "build-to-staging", "from": "payments-build", "branch": "main",
                         "to": "payments-staging", "sourceAction": "Source"}]}""");
    stack.wiremock().stubFor(post(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("CodePipeline_20150709.GetPipelineExecution"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("""
                {"pipelineExecution": {"pipelineName": "payments-build", "pipelineExecutionId": "%s",
                  "status": "Succeeded", "artifactRevisions": [{"name": "SourceArtifact", "revisionId": "%s",
                  "revisionSummary": "{\\"ProviderType\\":\\"GitHub\\",\\"CommitMessage\\":\\"Show the settlement date on receipts\\"}"}]}}"""
                .formatted(SOURCE, COMMIT))));
    stack.wiremock().stubFor(post(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("CodePipeline_20150709.StartPipelineExecution"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"pipelineExecutionId\":\"" + STAGING + "\"}")));
    LocalLambda trigger = stack.function("ReleaseTriggerFunction", Map.of("BATON_TABLE", table,
        "BATON_PROMOTIONS", promotions.toString()));
    LocalLambda history = stack.function("PipelineHistoryFunction", Map.of("BATON_TABLE", table));

    Invocation promoted = trigger.invoke(Events.load("codepipeline-pipeline-succeeded-git.json"));
    Invocation recorded = history.invoke(Events.load("codepipeline-pipeline-succeeded-staging.json"));

    assertTrue(promoted.bodyText().contains("\"outcome\":\"STARTED\""), promoted::toString);
    assertFalse(recorded.failed(), recorded::toString);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/"))
        .withRequestBody(matchingJsonPath("$.sourceRevisions[0].revisionType", equalTo("COMMIT_ID")))
        .withRequestBody(matchingJsonPath("$.sourceRevisions[0].revisionValue", equalTo(COMMIT))));

    String show = baton("history", "show", STAGING, "--table", table);
    assertTrue(show.contains("  promotion     promoted from payments-build " + SOURCE + " (rule build-to-staging, "),
        show);
    assertTrue(show.contains("pinned COMMIT_ID=" + COMMIT + ")"), show);
    assertTrue(show.contains("  change        commit " + COMMIT + " at 2026-11-20 08:52:10 UTC (the first pipeline "
        + "of the chain)"), show);

    JsonObject staging = Json.parseObject(baton("dora", "--since", "2026-11-20", "--until", "2026-11-21",
        "--pipeline", "payments-staging", "--json", "--table", table)).object("overall");
    // staging ended 09:58:12; the commit was authored 08:52:10: 1h 6m 2s = 3962 s (its own start, 09:31:49, would
    // give 26m 23s)
    JsonObject lead = staging.object("leadTime");
    assertEquals(3962L, lead.optLong("medianSeconds").orElseThrow(), lead.toString());
    assertEquals(1L, lead.optLong("fromCommit").orElseThrow(), lead.toString());
  }

  private static String baton(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 2];
      System.arraycopy(args, 0, all, 0, args.length);
      all[args.length] = "--endpoint-url";
      all[args.length + 1] = stack.dynamoEndpoint().toString();
      assertEquals(0, new CommandLine(new Baton()).execute(all), () -> out.toString(StandardCharsets.UTF_8));
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(old);
    }
  }
}
