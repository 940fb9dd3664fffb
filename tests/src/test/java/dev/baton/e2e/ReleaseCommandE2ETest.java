package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.slack.SlackSignature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code /baton release} through the packaged approval callback, after release-trigger as packaged started
 * payments-deploy from the sample upload: the proposal's exact answer with its signed confirmation; the start, once,
 * however often it is confirmed or asked for, recorded with who asked (release record, history link, the
 * {@code Baton Release Started} event of events/baton-release-started-slack.json) and announced through the click's
 * response_url; refused for a user not allowed (or unchecked), during a freeze, for a forged, edited, stale or
 * expired request, each with nothing started and nothing written.
 */
class ReleaseCommandE2ETest extends CommandStackTest {
  private static final String BUCKET = "acme-releases";
  private static final String KEY = "releases/payments/1.4.2/payments-1.4.2.zip";
  private static final String S3_URL = "s3://" + BUCKET + "/" + KEY + "?versionId=3HL4kqtJlcpXroDTDmjVBH40Nrjfkd";
  private static final String RELEASE_PK = "RELEASE#" + BUCKET + "/" + KEY;
  private static final String UPLOAD_SK = "UPLOAD#v:3HL4kqtJlcpXroDTDmjVBH40Nrjfkd";
  private static final String UPLOADED = "4f8a1c2e-0000-4000-8000-000000000001";
  private static final String AGAIN = "9b2d4f6a-1c3e-4a5b-8d7f-0e2c4a6b8d01";
  private static final String RESPOND = "/slack/respond/release";
  private static final String START_BODY = """
      {"name": "payments-deploy", "clientRequestToken": "%s",
       "variables": [{"name": "SERVICE", "value": "payments"}, {"name": "VERSION", "value": "1.4.2"},
         {"name": "ARTIFACT_KEY", "value": "releases/payments/1.4.2/payments-1.4.2.zip"},
         {"name": "ARTIFACT_ETAG", "value": "b1946ac92492d2347c6235b4d2611184"}],
       "sourceRevisions": [{"actionName": "Source", "revisionType": "S3_OBJECT_KEY",
           "revisionValue": "releases/payments/1.4.2/payments-1.4.2.zip"},
         {"actionName": "Source", "revisionType": "S3_OBJECT_VERSION_ID",
           "revisionValue": "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd"}]}""";
  /** The request id: the pipeline, the artifact, the record repeated and the newest record (here the same). */
  private static final String REQUEST = sha("payments-deploy\n" + BUCKET + "/" + KEY + "\n" + UPLOAD_SK + "\n"
      + UPLOAD_SK);

  private Instant released;

  @BeforeEach
  void releasedByAnUpload() {
    stub(cp("StartPipelineExecution").willReturn(awsJson("{\"pipelineExecutionId\":\"" + UPLOADED + "\"}")));
    LocalLambda releases = stack.function("ReleaseTriggerFunction", Map.of("BATON_TABLE", table));
    Invocation upload = releases.invoke(Events.load("s3-object-created.json"));
    assertTrue(upload.bodyText().contains("\"outcome\":\"STARTED\""), upload::toString);
    released = Instant.parse(item(RELEASE_PK, UPLOAD_SK).get("requestedAt").s());
    stub(cp("StartPipelineExecution").willReturn(awsJson("{\"pipelineExecutionId\":\"" + AGAIN + "\"}")));
    stub(post(urlEqualTo(RESPOND)).willReturn(aResponse().withStatus(200).withBody("ok")));
    stack.wiremock().resetRequests();
    stack.eventBridge().resetRequests();
  }

  @Test
  void givenAnAllowListedUser_thenTheProposal_thenOneStartHoweverOftenConfirmed_recordedWithWhoAsked() {
    Instant before = Instant.now();
    Map<String, Object> proposal = run("release payments-deploy", "U0ALICE");
    String value = buttonValue(proposal);

    assertEquals(proposal("Release payments-deploy again?", value,
        "*payments-deploy* would start again with `" + S3_URL + "`, released " + MINUTE.format(released)
            + " by rule `service-releases`; it started " + link(UPLOADED),
        "Variables: `ARTIFACT_ETAG=b1946ac92492d2347c6235b4d2611184`, `ARTIFACT_KEY=" + KEY + "`, "
            + "`SERVICE=payments`, `VERSION=1.4.2`",
        "Only you see this. Start it within 10 minutes, or cancel."), proposal);
    JsonObject claim = Json.parseObject(value);
    assertEquals(List.of("id", "pipeline", "bucket", "key", "ref", "user", "expires", "sig"), List.copyOf(claim.keys()));
    assertEquals(List.of(REQUEST, "payments-deploy", BUCKET, KEY, UPLOAD_SK, "U0ALICE"), List.of(claim.string("id"),
        claim.string("pipeline"), claim.string("bucket"), claim.string("key"), claim.string("ref"),
        claim.string("user")));
    Instant expires = Instant.parse(claim.string("expires"));
    assertTrue(!expires.isBefore(before.plus(Duration.ofMinutes(10)).minusSeconds(1))
        && !expires.isAfter(Instant.now().plus(Duration.ofMinutes(10))), expires::toString);
    assertEquals(signed(claim), claim.string("sig"), "HMAC-SHA256 of the claim, keyed by the signing secret");
    assertEquals(0, cpCalls("StartPipelineExecution"), "nothing starts before the confirmation");

    assertEquals(200, status(callback().invoke(click(value, "U0ALICE", true))));
    assertEquals(200, status(callback().invoke(click(value, "U0ALICE", true))), "a double click");

    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(CP + "StartPipelineExecution")).withRequestBody(equalToJson(START_BODY.formatted(
            "baton-" + sha("request\n" + REQUEST)))));
    assertEquals(1, cpCalls("StartPipelineExecution"));
    List<LoggedRequest> answers = responses();
    assertEquals(2, answers.size());
    assertEquals(followUp(true, "Release started: payments-deploy", "<@U0ALICE> started *payments-deploy* again "
        + "with `" + S3_URL + "` · " + link(AGAIN)), Json.parseObject(answers.get(0).getBodyAsString()).asMap());
    assertEquals(followUp(false, "Already done", "This release was confirmed before by <@U0ALICE>: "
        + "*payments-deploy* started " + link(AGAIN) + ". Nothing more was done."),
        Json.parseObject(answers.get(1).getBodyAsString()).asMap());

    Map<String, AttributeValue> record = item(RELEASE_PK, "REQUEST#" + REQUEST);
    assertEquals("STARTED", record.get("status").s());
    assertEquals(AGAIN, record.get("executionId").s());
    assertEquals("U0ALICE", record.get("requestedBy").s());
    assertEquals("alice", record.get("requestedByName").s());
    assertEquals("service-releases", record.get("rule").s());
    assertEquals("PIPELINE#payments-deploy", record.get("gsi1pk").s());
    assertEquals("STARTED", item(RELEASE_PK, UPLOAD_SK).get("status").s(), "the upload's record as it was");
    assertEquals(UPLOADED, item(RELEASE_PK, UPLOAD_SK).get("executionId").s());
    Map<String, AttributeValue> link = item("PIPELINE#payments-deploy", "EXEC#" + AGAIN + "#RELEASE");
    assertEquals("U0ALICE", link.get("requestedBy").s());
    assertEquals("REQUEST#" + REQUEST, link.get("releaseSk").s());
    assertEquals("Slack user U0ALICE (alice)", new DynamoHistoryReader(stack.dynamo(), table)
        .detail("payments-deploy", AGAIN).orElseThrow().release().orElseThrow().requester().orElseThrow(),
        "./baton history show names who asked");

    List<JsonObject> events = PublishedEvents.entries(stack.eventBridge());
    assertEquals(1, events.size(), "one Baton Release Started");
    PublishedEvents.assertIsSample("baton-release-started-slack.json", events.getFirst(), Set.of("time"));
  }

  @Test
  void givenADoubleSubmit_thenBothProposalsAreOneRequest_andOneStart() {
    String first = buttonValue(run("release payments-deploy", "U0ALICE"));
    String second = buttonValue(run("release payments-deploy " + UPLOADED.substring(0, 8), "U0ALICE"));
    assertEquals(Json.parseObject(first).string("id"), Json.parseObject(second).string("id"));

    assertEquals(200, status(callback().invoke(click(first, "U0ALICE", true))));
    assertEquals(200, status(callback().invoke(click(second, "U0ALICE", true))));

    assertEquals(1, cpCalls("StartPipelineExecution"));
    assertEquals("Already done", title(responses().get(1)));
    assertEquals(1, everything().stream().filter(i -> i.get("sk").s().startsWith("REQUEST#")).count());
    assertEquals(1, PublishedEvents.entries(stack.eventBridge()).size());

    // Asked again after that release, it is a new request: the newest release is now the one from Slack.
    String third = buttonValue(run("release payments-deploy", "U0ALICE"));
    assertFalse(Json.parseObject(third).string("id").equals(Json.parseObject(first).string("id")));
  }

  @Test
  void givenANamedVersion_thenThatRelease_orTheNamesThatWouldDo() {
    for (String version : List.of("3HL4kqtJlcpXroDTDmjVBH40Nrjfkd", KEY, "payments-1.4.2.zip", UPLOADED)) {
      assertEquals(UPLOAD_SK, Json.parseObject(buttonValue(run("release payments-deploy " + version, "U0ALICE")))
          .string("ref"), version);
    }
    assertEquals(answer(false, "No such release", "No release of *payments-deploy* matches `1.4.1`. Name one by "
        + "its S3 version id, its key or file name, or the execution it started (as `/baton history "
        + "payments-deploy` shows it).", "The newest:\n`4f8a1c2e` `" + S3_URL + "`, released "
        + MINUTE.format(released)), run("release payments-deploy 1.4.1", "U0ALICE"));
    assertEquals(answer(false, "Nothing to release", "*ledger-deploy* has no release on record that started it. "
        + "`/baton release` starts again what an S3 upload (or an earlier `/baton release`) started."),
        run("release ledger-deploy", "U0ALICE"));
    assertEquals(0, cpCalls("StartPipelineExecution"));
  }

  @Test
  void givenAUserNotAllowed_orAGroupLookupThatFails_thenRefused_andNothingStarted() {
    String alices = buttonValue(run("release payments-deploy", "U0ALICE"));
    int items = everything().size();

    stubSlack("usergroups.users.list", "{\"ok\":false,\"error\":\"missing_scope\"}");
    assertEquals(answer(false, "Not done", "Baton cannot check the user groups allowed to run `/baton release` "
        + "right now; try again in a minute"), run("release payments-deploy", "U0CAROL"), "fails closed");
    stubSlack("usergroups.users.list", "{\"ok\":true,\"users\":[\"U0CAROL\",\"U0DAVE\"]}");
    assertEquals(answer(false, "Not done", "you are not among the people allowed to run `/baton release`"),
        run("release payments-deploy", "U0MALLORY"));
    assertEquals(200, status(callback().invoke(click(alices, "U0MALLORY", true))));

    assertEquals(followUp(false, "Not done", "you are not among the people allowed to run `/baton release`"),
        Json.parseObject(responses().getFirst().getBodyAsString()).asMap());
    assertNothingStarted(items);
  }

  @Test
  void givenAFrozenPipeline_thenRefusedWithTheFreeze_whenAskedAndWhenConfirmed() {
    String value = buttonValue(run("release payments-deploy", "U0ALICE"));
    run("freeze payments-deploy 2h incident 4711", "U0ALICE");
    String until = MINUTE.format(Instant.parse(item("FREEZES", "FREEZE#payments-deploy").get("until").s()));
    String refusal = "*payments-deploy* is frozen by ad hoc by U0ALICE (incident 4711) until " + until + ": nothing "
        + "was started. A release asked for from Slack is refused during a freeze, not held; ask again once it is "
        + "over (`/baton freezes`).";

    assertEquals(answer(false, "Not released", refusal), run("release payments-deploy", "U0ALICE"));
    assertEquals(200, status(callback().invoke(click(value, "U0ALICE", true))));

    assertEquals(followUp(false, "Not released", refusal),
        Json.parseObject(responses().getFirst().getBodyAsString()).asMap());
    assertEquals(0, cpCalls("StartPipelineExecution"));
    assertEquals(0, everything().stream().filter(i -> i.get("sk").s().startsWith("REQUEST#")).count());
  }

  @Test
  void givenAForgedStaleEditedOrExpiredRequest_thenRefused_andNothingStartedOrWritten() {
    String value = buttonValue(run("release payments-deploy", "U0ALICE"));
    int items = everything().size();
    byte[] body = releaseClick(value, "U0ALICE", true, stack.wiremock().baseUrl() + RESPOND);

    Invocation forged = callback().invoke(SlackInteractions.request(body, Instant.now().getEpochSecond(), true,
        "not-the-signing-secret", "application/x-www-form-urlencoded"));
    Invocation stale = callback().invoke(SlackInteractions.request(body, Instant.now().getEpochSecond() - 301, true,
        SlackInteractions.SIGNING_SECRET, "application/x-www-form-urlencoded"));
    Invocation forgedCommand = callback().invoke(SlackInteractions.request(command("release payments-deploy",
        "U0ALICE"), Instant.now().getEpochSecond(), true, "not-the-signing-secret",
        "application/x-www-form-urlencoded"));
    assertEquals(401, status(forged), forged::toString);
    assertEquals(401, status(stale), stale::toString);
    assertEquals(401, status(forgedCommand), forgedCommand::toString);

    // Signed by Slack, but the claim is not the one Baton made: another artifact, another user, no signature.
    Map<String, Object> edited = new LinkedHashMap<>(Json.parseObject(value).asMap());
    edited.put("ref", "UPLOAD#v:someOtherVersion");
    Map<String, Object> anotherUser = new LinkedHashMap<>(Json.parseObject(value).asMap());
    anotherUser.put("user", "U0MALLORY");
    Map<String, Object> unsigned = new LinkedHashMap<>(Json.parseObject(value).asMap());
    unsigned.remove("sig");
    for (Map<String, Object> claim : List.of(edited, anotherUser, unsigned)) {
      Invocation i = callback().invoke(click(Json.write(claim), "U0MALLORY", true));
      assertEquals(400, status(i), i::toString);
    }

    // Made by Baton (the secret signs it), but expired.
    Map<String, Object> expired = new LinkedHashMap<>(Json.parseObject(value).asMap());
    expired.put("expires", Instant.now().minusSeconds(1).toString());
    expired.remove("sig");
    expired.put("sig", signed(JsonObject.of(expired)));
    assertEquals(200, status(callback().invoke(click(Json.write(expired), "U0ALICE", true))));
    assertEquals(followUp(false, "Not released", "This confirmation has expired (they last 10 minutes); nothing was "
        + "started. Run `/baton release payments-deploy` again."),
        Json.parseObject(responses().getFirst().getBodyAsString()).asMap());

    assertEquals(1, responses().size(), "only the expired one is answered");
    assertNothingStarted(items);
  }

  @Test
  void givenCancel_thenNothingStarted() {
    String value = buttonValue(run("release payments-deploy", "U0ALICE"));
    int items = everything().size();
    assertEquals(200, status(callback().invoke(click(value, "U0ALICE", false))));
    assertEquals(followUp(false, "Cancelled", "Nothing was started; *payments-deploy* is as it was."),
        Json.parseObject(responses().getFirst().getBodyAsString()).asMap());
    assertNothingStarted(items);
  }

  /** No start, no event, and the table as it was ({@code items} items). */
  private void assertNothingStarted(int items) {
    assertEquals(0, cpCalls("StartPipelineExecution"));
    assertEquals(items, everything().size());
    assertEquals(0, PublishedEvents.calls(stack.eventBridge()).size());
  }

  /** The confirmation's Start button value in a proposal. */
  private static Map<String, Object> proposal(String title, String value, String... sections) {
    List<Object> blocks = new ArrayList<>(blocks(title, sections));
    blocks.add(Map.of("type", "actions", "block_id", "baton_release", "elements", List.of(
        Map.of("type", "button", "action_id", "baton_release_start", "text", Map.of("type", "plain_text", "text",
            "Start payments-deploy"), "value", value, "style", "primary"),
        Map.of("type", "button", "action_id", "baton_release_cancel", "text", Map.of("type", "plain_text", "text",
            "Cancel"), "value", value))));
    return Map.of("response_type", "ephemeral", "text", title + "\n" + String.join("\n", sections), "blocks", blocks);
  }

  /** What the click's response_url gets: the channel's announcement replacing the prompt, or the asker's answer. */
  private static Map<String, Object> followUp(boolean inChannel, String title, String... sections) {
    Map<String, Object> m = new LinkedHashMap<>(answer(inChannel, title, sections));
    m.put(inChannel ? "delete_original" : "replace_original", true);
    return m;
  }

  /** A click on the confirmation (events/slack-block-actions-release-start.json) carrying {@code value}, signed. */
  private static String click(String value, String userId, boolean start) {
    return SlackInteractions.signed(releaseClick(value, userId, start, stack.wiremock().baseUrl() + RESPOND));
  }

  private static List<LoggedRequest> responses() {
    return stack.wiremock().findAll(postRequestedFor(urlEqualTo(RESPOND)));
  }

  @SuppressWarnings("unchecked")
  private static String title(LoggedRequest r) {
    Map<String, Object> header = (Map<String, Object>) ((List<Object>) Json.parseObject(r.getBodyAsString()).asMap()
        .get("blocks")).getFirst();
    return (String) ((Map<String, Object>) header.get("text")).get("text");
  }

  /** The claim's signature as Baton makes it: HMAC-SHA256 of v0:baton-release-claim:<the claim without sig>. */
  private static String signed(JsonObject claim) {
    Map<String, Object> fields = new LinkedHashMap<>(claim.asMap());
    fields.remove("sig");
    return SlackSignature.sign(SlackInteractions.SIGNING_SECRET, "baton-release-claim",
        Json.write(fields).getBytes(StandardCharsets.UTF_8));
  }

  private static String link(String execution) {
    return "<https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/payments-deploy/executions/"
        + execution + "/timeline?region=eu-west-1|" + execution.substring(0, 8) + ">";
  }

  private static String sha(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)),
          0, 24);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
