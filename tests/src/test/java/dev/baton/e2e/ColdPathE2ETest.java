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
    String table = freshTable("cold-callback");
    Path classes = dir.resolve("callback-classes.log");
    String unsigned = SlackInteractions.envelope(SlackInteractions.form(Events.load("slack-block-actions-approve.json")),
        true, Map.of("content-type", "application/x-www-form-urlencoded"));

    Invocation answer;
    try (LocalLambda fn = stack.function("ApprovalCallbackFunction", Map.of("BATON_TABLE", table),
        b -> b.jvmOption("-Xlog:class+load:file=" + classes))) {
      answer = fn.invoke(unsigned);
    }

    assertEquals(401L, Json.parseObject(answer.bodyText()).optLong("statusCode").orElse(-1L), answer::toString);
    assertEquals(Set.of(), clientsBuilt(classes));
    assertFalse(Files.readString(classes).contains(TLS), "no SSL context was set up");
    assertEquals(0, stack.wiremock().getAllServeEvents().size(), "no Secrets Manager (or any) call");
  }

  @Test
  void givenAnUploadNoRuleMatches_thenTheReleaseTriggerBuildsNoSdkClientAndMakesNoCall() throws IOException {
    String table = freshTable("cold-release");
    Path classes = dir.resolve("release-classes.log");

    Invocation answer;
    try (LocalLambda fn = stack.function("ReleaseTriggerFunction", Map.of("BATON_TABLE", table),
        b -> b.jvmOption("-Xlog:class+load:file=" + classes))) {
      answer = fn.invoke(Events.load("s3-object-created-no-rule.json"));
    }

    assertTrue(answer.bodyText().contains("\"outcome\":\"NO_MATCHING_RULE\""), answer::toString);
    assertEquals(Set.of(), clientsBuilt(classes));
    assertFalse(Files.readString(classes).contains(TLS), "no SSL context was set up");
    assertEquals(0, stack.wiremock().getAllServeEvents().size());
    assertEquals(List.of(), stack.dynamo().scan(b -> b.tableName(table)).items());
  }

  @Test
  void givenAFailureOnAMutedPipeline_thenTheAlertsFunctionBuildsOnlyItsDynamoDbClient() throws IOException {
    String table = freshTable("cold-alerts");
    Path classes = dir.resolve("alerts-classes.log");
    String failed = Events.load("codepipeline-action-failed-codebuild.json").replace("payments-deploy", "sandbox-web");

    Invocation answer;
    try (LocalLambda fn = stack.function("AlertsFunction", Map.of("BATON_TABLE", table),
        b -> b.jvmOption("-Xlog:class+load:file=" + classes))) {
      answer = fn.invoke(failed);
    }

    assertFalse(answer.failed(), answer::toString);
    assertTrue(answer.bodyText().contains("sandbox"), answer::toString);
    assertEquals(Set.of("DefaultDynamoDbClient"), clientsBuilt(classes), "no SNS or CodePipeline client");
    assertEquals(0, stack.wiremock().getAllServeEvents().size(), "no SNS, CodePipeline or Slack call");
  }

  /** The SDK service clients the JVM built (their implementation classes are loaded only by a builder). */
  private static Set<String> clientsBuilt(Path classLoadLog) throws IOException {
    Set<String> built = new TreeSet<>();
    for (Matcher m = SDK_CLIENT.matcher(Files.readString(classLoadLog)); m.find(); ) {
      built.add(m.group(1));
    }
    return built;
  }
}
