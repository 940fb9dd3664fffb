package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import dev.baton.local.SampleTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code /baton} through the packaged approval callback (its Function URL, the same signature check as for clicks),
 * with config/chatops.json and config/freezes.json as shipped: each subcommand's exact answer, who may run what
 * (allow-listed users and groups, failing closed when the group lookup fails), forged and stale requests refused
 * with nothing written, and a freeze declared in Slack holding an upload in release-trigger.
 */
class SlashCommandE2ETest extends CommandStackTest {
  @Test
  void givenHelpAnEmptyCommandOrAnUnknownOne_thenTheUsage_privately() {
    assertEquals(answer(false, "Baton commands", USAGE), run("help", "U0MALLORY"));
    assertEquals(answer(false, "Baton commands", USAGE), run("", "U0MALLORY"));
    assertEquals(answer(false, "Baton commands", "`deploy` is not a Baton command", USAGE),
        run("deploy payments-deploy", "U0MALLORY"));
    assertEquals(answer(false, "Baton commands", "`/baton freeze` needs the pipelines, a duration or an end, and a "
        + "reason", USAGE), run("freeze payments-deploy 2h", "U0ALICE"));
    assertEquals(List.of(), freezes());
  }

  @Test
  void givenAnAllowListedUser_whenFreezing_thenStoredWithWhoWhyUntil_announced_andAnUploadIsHeld() {
    Instant before = Instant.now();
    Map<String, Object> frozen = run("freeze payments-deploy 2h incident 4711", "U0ALICE");

    Map<String, AttributeValue> item = item("FREEZES", "FREEZE#payments-deploy");
    Instant until = Instant.parse(item.get("until").s());
    assertTrue(!until.isBefore(before.plusSeconds(7200)) && until.isBefore(Instant.now().plusSeconds(7201)), until::toString);
    assertEquals("U0ALICE", item.get("by").s());
    assertEquals("incident 4711", item.get("reason").s());
    assertEquals(answer(true, "Frozen: payments-deploy",
        "<@U0ALICE> froze payments-deploy until " + MINUTE.format(until) + ": incident 4711",
        "Releases that arrive meanwhile wait, and start once the freeze is over."), frozen);

    LocalLambda releases = stack.function("ReleaseTriggerFunction", Map.of("BATON_TABLE", table));
    Invocation upload = releases.invoke(Events.load("s3-object-created.json"));
    assertTrue(upload.bodyText().contains("\"outcome\":\"HELD\""), upload::toString);
    assertEquals("ad hoc by U0ALICE (incident 4711)", item("RELEASE#acme-releases/releases/payments/1.4.2/"
        + "payments-1.4.2.zip", "UPLOAD#v:3HL4kqtJlcpXroDTDmjVBH40Nrjfkd").get("heldBy").s());

    assertEquals(answer(false, "Frozen now", "*payments-deploy*: ad hoc by U0ALICE (incident 4711), until "
        + MINUTE.format(until) + "; releases wait"), run("freezes", "U0MALLORY"), "reading is open to anyone");

    assertEquals(answer(true, "Unfrozen", "<@U0CAROL> ended the freeze on payments-deploy (incident 4711, by "
        + "<@U0ALICE>)", "Held releases start within a minute, unless a configured window still covers their "
        + "pipeline."), run("unfreeze payments-deploy", "U0CAROL"), "U0CAROL is in S0RELEASEMGRS");
    assertEquals("U0CAROL", item("FREEZES", "FREEZE#payments-deploy").get("endedBy").s());
    assertEquals(answer(false, "Nothing is frozen", "Releases start as they arrive."), run("freezes", "U0ALICE"));
    assertEquals(answer(false, "Nothing to unfreeze", "No freeze declared from Slack is in force on all pipelines. "
        + "Windows in config/freezes.json end on their own (`/baton freezes` lists them)."),
        run("unfreeze all", "U0ALICE"));
  }

  @Test
  void givenAUserNotAllowed_orAGroupLookupThatFails_thenRefusedAndNothingStored() {
    stubSlack("usergroups.users.list", "{\"ok\":false,\"error\":\"missing_scope\"}");
    assertEquals(answer(false, "Not done", "Baton cannot check the user groups allowed to run `/baton unfreeze` "
        + "right now; try again in a minute"), run("unfreeze all", "U0CAROL"), "fails closed");
    stubSlack("usergroups.users.list", "{\"ok\":true,\"users\":[\"U0CAROL\",\"U0DAVE\"]}");
    assertEquals(answer(false, "Not done", "you are not among the people allowed to run `/baton freeze`"),
        run("freeze all 1h db migration", "U0MALLORY"));
    assertEquals(List.of(), freezes());
  }

  @Test
  void givenAForgedOrStaleCommand_thenRefusedBeforeAnythingElse_andNothingWritten() {
    byte[] body = command("freeze all 1h forged", "U0ALICE");
    Invocation forged = callback().invoke(SlackInteractions.request(body, Instant.now().getEpochSecond(), true,
        "not-the-signing-secret", "application/x-www-form-urlencoded"));
    Invocation stale = callback().invoke(SlackInteractions.request(body, Instant.now().getEpochSecond() - 301, true,
        SlackInteractions.SIGNING_SECRET, "application/x-www-form-urlencoded"));

    assertEquals(401, status(forged), forged::toString);
    assertEquals(401, status(stale), stale::toString);
    assertEquals(List.of(), everything());
  }

  @Test
  void givenHistory_thenStatusAndHistoryShowTheExecutions_withTheFailureTheCommitAndALink() {
    LocalLambda history = stack.function("PipelineHistoryFunction", Map.of("BATON_TABLE", table));
    assertTrue(!history.invoke(Events.load("codepipeline-pipeline-failed.json")).failed());
    assertTrue(!history.invoke(Events.load("codepipeline-stage-failed.json")).failed());
    String link = "https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/payments-deploy/"
        + "executions/8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806/timeline?region=eu-west-1";

    Map<String, Object> all = run("status", "U0MALLORY");
    Map<String, Object> one = run("status payments-deploy", "U0MALLORY");
    Map<String, Object> none = run("status ledger-deploy", "U0MALLORY");

    String line = "*payments-deploy*: FAILED in Build, started 2026-11-20 10:02 UTC by Mary Major "
        + "(9fceb02 on main), ended 2026-11-20 10:09 UTC · <" + link + "|8d2e6b41>";
    assertEquals(answer(false, "Pipeline status", line), all);
    assertEquals(answer(false, "Status of payments-deploy", line), one);
    assertEquals(answer(false, "Status of ledger-deploy", "*ledger-deploy*: no executions recorded"), none);
    assertEquals(answer(false, "History of payments-deploy (newest first)", line), run("history payments-deploy 5",
        "U0MALLORY"));
    assertEquals(answer(false, "Baton commands", "`/baton history` takes a pipeline name and, optionally, how many "
        + "executions (1 to 25)", USAGE), run("history", "U0MALLORY"));
  }

  @Test
  void givenHistory_whenDora_thenTheFiguresOfTheCli_forOnePipelineOrAll() {
    // A success, then a failure still failing, a day ago: the samples moved by whole minutes.
    Duration shift = SampleTime.offset(Instant.parse("2026-11-20T10:10:00Z"), Instant.now().minus(Duration.ofDays(1)));
    LocalLambda history = stack.function("PipelineHistoryFunction", Map.of("BATON_TABLE", table));
    assertTrue(!history.invoke(SampleTime.shift(Events.load("codepipeline-pipeline-succeeded.json"), shift)).failed());
    assertTrue(!history.invoke(SampleTime.shift(Events.load("codepipeline-pipeline-failed.json"), shift)).failed());
    String figures = String.join("\n", "*payments-deploy*", "deployments: 1 (0.03/day)",
        "lead time for changes: median 17m 42s, p90 17m 42s", "measured from: 1 pipeline start",
        "change failure rate: 50% (1 failed of 2)", "time to restore: -, 1 still failing",
        "stopped/superseded/canceled: 0");

    for (String[] asked : new String[][] {{"dora payments-deploy", "payments-deploy, last 30 days"},
        {"dora", "all pipelines, last 30 days"}, {"dora payments-deploy 2", "payments-deploy, last 2 days"}}) {
      int days = asked[1].endsWith("2 days") ? 2 : 30;
      Map<String, Object> answer;
      Instant before;
      Instant after;
      do {   // the window ends now: asked again if the minute turned meanwhile
        before = Instant.now();
        answer = run(asked[0], "U0MALLORY");
        after = Instant.now();
      } while (!MINUTE.format(before).equals(MINUTE.format(after)));
      String window = MINUTE.format(before.minus(Duration.ofDays(days))) + " → " + MINUTE.format(before)
          + ", pipeline payments-deploy";
      assertEquals(answer(false, "DORA metrics, " + asked[1], window, days == 2 ? figures.replace("0.03/day",
          "0.50/day") : figures), answer, asked[0]);
    }
    assertEquals(answer(false, "Baton commands", "`/baton dora` takes a pipeline name, how many days (1 to 365), "
        + "both or neither", USAGE), run("dora payments-deploy 366", "U0MALLORY"));
  }
}
