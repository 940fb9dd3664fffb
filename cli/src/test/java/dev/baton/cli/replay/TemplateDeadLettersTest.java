package dev.baton.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cli.replay.TemplateDeadLetters.Parking;
import dev.baton.cli.replay.TemplateDeadLetters.ParkingFunction;
import dev.baton.local.SamTemplate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Where template.yaml parks each function's failed events, read from the template itself. */
class TemplateDeadLettersTest {
  private final TemplateDeadLetters template = new TemplateDeadLetters(SamTemplate.load());

  @ParameterizedTest
  @CsvSource({"ReleaseTriggerFunction, ReleaseDeadLetterQueue", "PipelineHistoryFunction, HistoryDeadLetterQueue",
      "AlertsFunction, AlertDeadLetterQueue", "ApprovalRequestFunction, ApprovalDeadLetterQueue",
      "ApprovalCallbackFunction, ApprovalDeadLetterQueue", "TeamsBotFunction, ApprovalDeadLetterQueue"})
  void everyFunctionParksInOneQueue_andIsReplayedToItsLiveAlias(String function, String queue) {
    assertEquals(new Parking(queue, List.of(new ParkingFunction(function, Optional.of("live")))),
        template.of(function));
  }

  @Test
  void aSharedQueueNamesEveryFunctionThatParksInIt() {
    assertEquals(List.of("ApprovalRequestFunction", "ApprovalCallbackFunction", "TeamsBotFunction"),
        template.of("ApprovalDeadLetterQueue").functions().stream().map(ParkingFunction::logicalId).toList());
  }

  @Test
  void anythingElseIsRefusedWithTheFunctionsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> template.of("AlertTopic"));
    assertTrue(e.getMessage().startsWith("AlertTopic is a AWS::SNS::Topic: name a function"), e.getMessage());
    assertTrue(e.getMessage().contains("AlertsFunction"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> template.of("NoSuchThing"));
  }
}
