package dev.baton.aws.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.aws.lambda.FunctionUrlEvent;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrimingRunTest {
  @Test
  void givenTheStatusAPathShouldGet_thenTheAnswerIsReturned() {
    String answer = FunctionUrlEvent.response(200, Optional.of(Map.of("type", "card")));

    assertEquals(200L, PrimingRun.expectStatus(answer, 200).optLong("statusCode").orElseThrow());
  }

  @Test
  void givenARefusalWhereARealRequestPasses_thenThePathFails_andTheRunNamesIt() {
    String refused = FunctionUrlEvent.response(503, Optional.of(Map.of("error", "try again")));
    PrimingRun run = PrimingRun.create();

    run.path("approve card click", () -> PrimingRun.expectStatus(refused, 200));

    assertTrue(run.failures().get("approve card click").contains("answered 503, not 200"), run.failures()::toString);
    IllegalStateException e = assertThrows(IllegalStateException.class, run::finish);
    assertTrue(e.getMessage().contains("approve card click"), e::getMessage);
  }
}
