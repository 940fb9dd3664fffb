package dev.baton.core.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AlertTextTest {

  private static Alert alert(String pipeline, String stage, String action, int attempt) {
    return new Alert(AlertKind.FAILED, pipeline, "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806", attempt, "123456789012",
        "eu-west-1", Optional.empty(), Optional.empty(), List.of(new FailedAction(stage, action,
            Optional.of("CodeBuild"), Optional.of("Build"), Optional.of("boom"), Optional.empty(), Optional.empty(),
            Optional.empty())), Optional.empty(), Optional.empty(), Optional.empty(),
        Instant.parse("2026-11-20T10:09:51Z"), Optional.empty(), Optional.empty());
  }

  @Test
  void givenTheLongestNamesCodePipelineAllows_thenTheSubjectStillFitsSns() {
    String subject = AlertText.subject(alert("p".repeat(100), "s".repeat(100), "a".repeat(100), 12));

    assertEquals(99, subject.length());
    assertTrue(subject.startsWith("[FAILED] ppp"));
    assertTrue(subject.endsWith("..."));
  }

  @Property
  void anyTextBecomesAValidSnsSubject(@ForAll String text) {
    String s = AlertText.fitSubject(text);

    assertTrue(s.length() < 100, s);
    assertTrue(!s.isEmpty());
    assertTrue(s.chars().allMatch(c -> c >= 0x20 && c < 0x7f), s);
    assertTrue(Character.isLetterOrDigit(s.charAt(0)) || "[(\"'".indexOf(s.charAt(0)) >= 0, s);
  }

  @Test
  void givenDurations_thenTheyReadAsPeopleWriteThem() {
    assertEquals("45s", AlertText.duration(Duration.ofSeconds(45)));
    assertEquals("7m 05s", AlertText.duration(Duration.ofSeconds(425)));
    assertEquals("2h 03m", AlertText.duration(Duration.ofMinutes(123)));
  }

  @Test
  void givenAnAlert_thenItsJsonReadsBackTheSame() {
    Alert a = new Alert(AlertKind.RECOVERED, "payments-deploy", "e-1", 2, "123456789012", "eu-west-1",
        Optional.of("SUCCEEDED"), Optional.of("Build"), List.of(), Optional.of(new Provenance.S3Upload("b", "k",
            Optional.of("v"), Optional.of("r"))), Optional.of(new Trigger("StartPipelineExecution", Optional.empty())),
        Optional.of(Instant.parse("2026-11-20T10:02:10.377Z")), Instant.parse("2026-11-20T10:24:06Z"),
        Optional.of("summary"), Optional.of("attempt 1"));

    assertEquals(a, Alert.fromJson(a.toJson()));
    assertEquals(Optional.of(Duration.parse("PT21M55.623S")), a.duration());
  }

  @Test
  void givenSnsAttributes_thenPipelineStateAndSeverity() {
    SnsMessage m = SnsMessage.of(alert("payments-deploy", "Build", "Build", 1));

    assertEquals(List.of("pipeline", "state", "severity"), List.copyOf(m.attributes().keySet()));
    assertEquals(List.of("payments-deploy", "FAILED", "critical"), List.copyOf(m.attributes().values()));
  }
}
