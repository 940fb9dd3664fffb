package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SandboxRunTest {
  @Test
  void givenEveryTimeFormatOfTheSandboxSamples_whenShifted_thenEachMovesAndKeepsItsFormat() {
    String event = """
        {"time": "2026-11-23T10:00:04Z", "start-time": "2026-11-23T10:00:03.518Z",
         "Message": "{\\"expires\\": \\"2026-11-30T10:01Z\\"}", "other": "10:00",
         "Timestamp": "2026-11-23T23:59:59.000Z", "at": "2026-11-23T10:57:00Z"}""";

    String moved = SampleTime.shift(event, Duration.ofDays(8).plusMinutes(3));

    assertEquals("""
        {"time": "2026-12-01T10:03:04Z", "start-time": "2026-12-01T10:03:03.518Z",
         "Message": "{\\"expires\\": \\"2026-12-08T10:04Z\\"}", "other": "10:00",
         "Timestamp": "2026-12-02T00:02:59.000Z", "at": "2026-12-01T11:00:00Z"}""",
        moved);
  }

  @Test
  void givenTheSamplesFolder_thenEveryStepHasItsSampleAndEverySampleIsReplayed() throws IOException {
    List<String> steps = SandboxRun.steps().stream().map(SandboxRun.Step::event).sorted().toList();
    try (Stream<Path> files = Files.list(SandboxRun.eventsDir())) {
      assertEquals(files.map(p -> p.getFileName().toString()).sorted().toList(), steps);
    }
  }
}
