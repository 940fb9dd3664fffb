package dev.baton.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.local.Repo;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatch the approval callback and the Teams bot share: Function URL requests and their own hand-offs. */
class SelfHandOffTest {
  private final List<String> requests = new ArrayList<>();
  private final List<String> finished = new ArrayList<>();

  private String answer(String event) {
    return SelfHandOff.answer(Json.parseObject(event), e -> {
      requests.add(e.string("rawPath"));
      return "answered";
    }, finished::add);
  }

  @Test
  void givenAFunctionUrlRequest_thenItGoesToTheRequestHandlerOnly() throws Exception {
    String answer = answer(Files.readString(Repo.root().resolve("events/function-url-slack-interaction.json")));

    assertEquals("answered", answer);
    assertEquals(1, requests.size());
    assertEquals(List.of(), finished);
  }

  @Test
  void givenAHandOff_thenItsApprovalIsFinishedAndNamed() {
    String answer = answer("{\"batonFinish\": {\"approvalId\": \"apv-1\"}}");

    assertEquals(List.of("apv-1"), finished);
    assertEquals(List.of(), requests);
    assertEquals("apv-1", Json.parseObject(answer).string("finished"));
  }

  @Test
  void givenAnythingElse_thenItIsRefusedAndNothingRuns() {
    MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> answer("{\"detail\": {}}"));

    assertTrue(e.getMessage().contains("neither a Function URL request nor a batonFinish hand-off"), e::getMessage);
    assertEquals(List.of(), requests);
    assertEquals(List.of(), finished);
  }
}
