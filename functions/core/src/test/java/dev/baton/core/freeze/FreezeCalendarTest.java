package dev.baton.core.freeze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.core.config.ConfigException;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** config/freezes.json is refused with the entry and the field named, as every configuration file is. */
class FreezeCalendarTest {

  private static String error(String freeze) {
    return assertThrows(ConfigException.class, () -> FreezeCalendar.parse("config/freezes.json",
        Json.parseObject("{\"freezes\": [" + freeze + "]}"))).getMessage();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "{\"name\":\"w\",\"pipelines\":[\"*\"],\"zone\":\"Europe/Berlin\",\"weekly\":{\"from\":\"FRYDAY 16:00\",\"to\":\"MONDAY 08:00\"}}"
          + "|config/freezes.json: freezes[0] (\"w\"), field \"weekly.from\": \"FRYDAY\" is not a day of the week (MONDAY ... SUNDAY)",
      "{\"name\":\"w\",\"pipelines\":[\"*\"],\"zone\":\"Europe/Berlin\",\"weekly\":{\"from\":\"FRIDAY 25:00\",\"to\":\"MONDAY 08:00\"}}"
          + "|config/freezes.json: freezes[0] (\"w\"), field \"weekly.from\": \"25:00\" is not a time (HH:mm)",
      "{\"name\":\"w\",\"pipelines\":[\"*\"],\"zone\":\"Europe/Berlín\",\"weekly\":{\"from\":\"FRIDAY 16:00\",\"to\":\"MONDAY 08:00\"}}"
          + "|config/freezes.json: freezes[0] (\"w\"), field \"zone\": \"Europe/Berlín\" is not an IANA time zone (Europe/Berlin, UTC, ...)",
      "{\"name\":\"d\",\"pipelines\":[\"*\"],\"zone\":\"UTC\",\"dates\":{\"from\":\"2026-12-24T00:00\",\"to\":\"2026-12-23T00:00\"}}"
          + "|config/freezes.json: freezes[0] (\"d\"), field \"dates\": \"to\" (2026-12-23T00:00) must be after \"from\" (2026-12-24T00:00)",
      "{\"name\":\"d\",\"pipelines\":[\"*\"],\"zone\":\"UTC\"}"
          + "|config/freezes.json: freezes[0] (\"d\"): give either \"weekly\" or \"dates\"",
      "{\"name\":\"d\",\"pipelines\":[],\"zone\":\"UTC\",\"dates\":{\"from\":\"2026-12-24T00:00\",\"to\":\"2026-12-25T00:00\"}}"
          + "|config/freezes.json: freezes[0] (\"d\"), field \"pipelines\": list at least one pipeline name or pattern (\"*\" for all)",
      "{\"name\":\"d\",\"pipelines\":[\"*\"],\"zone\":\"UTC\",\"whenFrozen\":\"queue\",\"dates\":{\"from\":\"2026-12-24T00:00\",\"to\":\"2026-12-25T00:00\"}}"
          + "|config/freezes.json: freezes[0] (\"d\"), field \"whenFrozen\": \"queue\": expected \"hold\" or \"drop\"",
      "{\"name\":\"d\",\"pipeline\":[\"*\"],\"zone\":\"UTC\"}"
          + "|config/freezes.json: freezes[0]: the freeze has an unknown field \"pipeline\"; allowed: [dates, description, name, pipelines, weekly, whenFrozen, zone]",
      "{\"name\":\"d\",\"pipelines\":[\"*\"],\"zone\":\"UTC\",\"dates\":{\"from\":\"2026-12-24\",\"to\":\"2026-12-25T00:00\"}}"
          + "|config/freezes.json: freezes[0] (\"d\"), field \"dates.from\": \"2026-12-24\" is not a local date and time (2026-12-24T00:00)"})
  void givenABrokenFreeze_thenTheErrorNamesItAndItsField(String freeze, String expected) {
    assertEquals(expected, error(freeze));
  }

  @Test
  void givenTwoFreezesOfOneName_thenRefused() {
    String d = "{\"name\":\"x\",\"pipelines\":[\"*\"],\"zone\":\"UTC\",\"dates\":{\"from\":\"2026-12-24T00:00\","
        + "\"to\":\"2026-12-25T00:00\"}}";
    assertEquals("config/freezes.json: freezes[1]: the name \"x\" is used twice", error(d + "," + d));
  }

  @Test
  void givenTheShippedFile_thenItIsValid() throws Exception {
    Path file = Path.of("../../config/freezes.json");
    assertEquals(0, FreezeCalendar.parse(file.toString(), ConfigFiles.parse(file.toString(),
        Files.newInputStream(file))).rules().size());
  }
}
