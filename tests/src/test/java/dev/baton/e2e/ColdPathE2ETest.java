package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a cold start each packaged function builds only what its event uses: an event that needs no AWS call builds no
 * SDK client and sets up no TLS, and the clients an event does need share what they can. Seen from inside the
 * function's JVM: the classes it loaded ({@code -Xlog:class+load}), next to the calls WireMock and dynalite saw.
 */
class ColdPathE2ETest extends StackTest {
  private static final Pattern SDK_CLIENT = Pattern.compile(
      "software\\.amazon\\.awssdk\\.services\\.\\w+\\.(Default\\w+Client) source");
  private static final String TLS = "sun.security.ssl.SSLContextImpl ";

  @TempDir Path dir;

  @Test
  void givenAnUnsignedRequestOnACallbacksColdStart_thenA401AndNoSdkClientNoTlsAndNoCallAtAll() throws IOException {
    String unsigned = SlackInteractions.envelope(SlackInteractions.form(Events.load("slack-block-actions-approve.json")),
        true, Map.of("content-type", "application/x-www-form-urlencoded"));

    ColdRun run = coldRun("ApprovalCallbackFunction", freshTable("cold-callback"), unsigned);

    assertEquals(401L, Json.parseObject(run.answer.bodyText()).optLong("statusCode").orElse(-1L), run.answer::toString);
    assertEquals(Set.of(), run.clientsBuilt());
    assertFalse(run.classes.contains(TLS), "no SSL context was set up");
    assertEquals(0, stack.wiremock().getAllServeEvents().size(), "no Secrets Manager (or any) call");
  }

  @Test
  void givenAnUploadNoRuleMatches_thenTheReleaseTriggerBuildsNoSdkClientAndMakesNoCall() throws IOException {
    String table = freshTable("cold-release");

    ColdRun run = coldRun("ReleaseTriggerFunction", table, Events.load("s3-object-created-no-rule.json"));

    assertTrue(run.answer.bodyText().contains("\"outcome\":\"NO_MATCHING_RULE\""), run.answer::toString);
    assertEquals(Set.of(), run.clientsBuilt());
    assertFalse(run.classes.contains(TLS), "no SSL context was set up");
    assertEquals(0, stack.wiremock().getAllServeEvents().size());
    assertEquals(List.of(), stack.dynamo().scan(b -> b.tableName(table)).items());
  }

  @Test
  void givenAFailureOnAMutedPipeline_thenTheAlertsFunctionBuildsOnlyItsDynamoDbClient() throws IOException {
    String failed = Events.load("codepipeline-action-failed-codebuild.json").replace("payments-deploy", "sandbox-web");

    ColdRun run = coldRun("AlertsFunction", freshTable("cold-alerts"), failed);

    assertFalse(run.answer.failed(), run.answer::toString);
    assertTrue(run.answer.bodyText().contains("sandbox"), run.answer::toString);
    assertEquals(Set.of("DefaultDynamoDbClient"), run.clientsBuilt(), "no SNS or CodePipeline client");
    assertEquals(0, stack.wiremock().getAllServeEvents().size(), "no SNS, CodePipeline or Slack call");
  }

  /** A fresh execution environment of {@code function} given one event, with its JVM's class-load log. */
  private ColdRun coldRun(String function, String table, String event) throws IOException {
    Path log = dir.resolve(function + "-classes.log");
    Invocation answer;
    try (LocalLambda fn = stack.function(function, Map.of("BATON_TABLE", table),
        b -> b.jvmOption("-Xlog:class+load:file=" + log))) {
      answer = fn.invoke(event);
    }
    return new ColdRun(answer, Files.readString(log));
  }

  private record ColdRun(Invocation answer, String classes) {
    /** The SDK service clients the JVM built (their implementation classes are loaded only by a builder). */
    Set<String> clientsBuilt() {
      Set<String> built = new TreeSet<>();
      for (Matcher m = SDK_CLIENT.matcher(classes); m.find(); ) {
        built.add(m.group(1));
      }
      return built;
    }
  }
}
