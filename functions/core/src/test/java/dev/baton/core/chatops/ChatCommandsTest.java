package dev.baton.core.chatops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text after /baton: every subcommand, and every way of writing one wrong, which gets the usage. */
class ChatCommandsTest {
  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  @Test
  void givenFreezeWithADurationOrAnInstant_thenTargetsUntilAndTheWholeReason() {
    assertEquals(new ChatCommand.Freeze(List.of("payments-deploy", "ledger-deploy"), NOW.plusSeconds(5400),
        "incident 4711 (card timeouts)"), ChatCommands.parse("freeze payments-deploy,ledger-deploy 1h30m "
        + "incident 4711 (card timeouts)", NOW));
    assertEquals(new ChatCommand.Freeze(List.of("*"), Instant.parse("2026-11-24T07:00:00Z"), "holidays"),
        ChatCommands.parse("FREEZE ALL 2026-11-24T08:00+01:00 holidays", NOW));
    assertEquals(new ChatCommand.Freeze(List.of("site"), NOW.plusSeconds(86400 * 2), "launch"),
        ChatCommands.parse("  freeze   site 2d launch ", NOW));
  }

  @Test
  void givenTheOtherSubcommands_thenTheirArguments() {
    assertEquals(new ChatCommand.Help(), ChatCommands.parse("", NOW));
    assertEquals(new ChatCommand.Status(Optional.empty()), ChatCommands.parse("status", NOW));
    assertEquals(new ChatCommand.Status(Optional.of("payments-deploy")), ChatCommands.parse("status payments-deploy",
        NOW));
    assertEquals(new ChatCommand.Freezes(), ChatCommands.parse("freezes", NOW));
    assertEquals(new ChatCommand.History("payments-deploy", 10), ChatCommands.parse("history payments-deploy", NOW));
    assertEquals(new ChatCommand.History("payments-deploy", 25), ChatCommands.parse("history payments-deploy 25",
        NOW));
    assertEquals(new ChatCommand.Dora(Optional.empty(), 30), ChatCommands.parse("dora", NOW));
    assertEquals(new ChatCommand.Dora(Optional.of("payments-deploy"), 30), ChatCommands.parse("dora payments-deploy",
        NOW));
    assertEquals(new ChatCommand.Dora(Optional.empty(), 7), ChatCommands.parse("dora 7", NOW));
    assertEquals(new ChatCommand.Dora(Optional.of("site"), 365), ChatCommands.parse("dora site 365", NOW));
    assertEquals(new ChatCommand.Release("payments-deploy", Optional.empty()), ChatCommands.parse("release "
        + "payments-deploy", NOW));
    assertEquals(new ChatCommand.Release("payments-deploy", Optional.of("3HL4kqtJlcpXroDTDmjVBH40Nrjfkd")),
        ChatCommands.parse("release payments-deploy 3HL4kqtJlcpXroDTDmjVBH40Nrjfkd", NOW));
    assertEquals(new ChatCommand.Unfreeze(List.of("*")), ChatCommands.parse("unfreeze all", NOW));
    assertEquals(new ChatCommand.Unfreeze(List.of("a", "b")), ChatCommands.parse("unfreeze a,b,a", NOW));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "freeze payments-deploy 0m oops|`0m` is neither a duration (`30m`, `2h`, `1d12h`) nor a time with its offset "
          + "(`2026-12-24T08:00Z`, `2026-12-24T09:00+01:00`)",
      "freeze payments-deploy 2026-11-24T08:00 holidays|`2026-11-24T08:00` is neither a duration (`30m`, `2h`, "
          + "`1d12h`) nor a time with its offset (`2026-12-24T08:00Z`, `2026-12-24T09:00+01:00`)",
      "freeze payments-deploy 2026-11-19T08:00Z late|`2026-11-19T08:00Z` is in the past",
      "freeze all 61d long|a freeze from Slack lasts at most 60 days; put longer ones into config/freezes.json",
      "freeze café-deploy 1h x|`café-deploy` is not a list of pipeline names (comma-separated) or `all`",
      "freeze all 1h|`/baton freeze` needs the pipelines, a duration or an end, and a reason",
      "unfreeze|`/baton unfreeze` takes one argument: the pipelines (comma-separated) or `all`",
      "status a b|`/baton status` takes at most one pipeline name",
      "freezes now|`/baton freezes` takes no arguments",
      "history payments-deploy 26|`/baton history` shows at most 25 executions",
      "history payments-deploy 0|`/baton history` takes a pipeline name and, optionally, how many executions (1 to 25)",
      "dora site 0|`/baton dora` takes a pipeline name, how many days (1 to 365), both or neither",
      "dora site 366|`/baton dora` takes a pipeline name, how many days (1 to 365), both or neither",
      "dora 7 site|`/baton dora` takes a pipeline name, how many days (1 to 365), both or neither",
      "dora café 7|`/baton dora` takes a pipeline name, how many days (1 to 365), both or neither",
      "dora a b|`/baton dora` takes a pipeline name, how many days (1 to 365), both or neither",
      "release|`/baton release` takes a pipeline name and, optionally, the release to start again (its S3 version id, "
          + "key, file name or execution id)",
      "release a b c|`/baton release` takes a pipeline name and, optionally, the release to start again (its S3 "
          + "version id, key, file name or execution id)",
      "deploy|`deploy` is not a Baton command"})
  void givenACommandWrittenWrong_thenTheUsageSaysWhat(String text, String problem) {
    assertEquals(new ChatCommand.Usage(problem), ChatCommands.parse(text, NOW));
  }
}
