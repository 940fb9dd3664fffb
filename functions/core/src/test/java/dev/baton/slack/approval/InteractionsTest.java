package dev.baton.slack.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.core.json.Json;
import dev.baton.local.Repo;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slack interaction payloads (the samples in events/): read when well-typed, refused naming the field when not. */
class InteractionsTest {
  private static final String FORM = "application/x-www-form-urlencoded";

  private static String sample(String name) throws IOException {
    return Files.readString(Repo.root().resolve("events").resolve(name));
  }

  private static Interaction parse(String payload) {
    return Interactions.parse(FORM, ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8));
  }

  private static String refused(String payload) {
    return assertThrows(InvalidInteractionException.class, () -> parse(payload)).getMessage();
  }

  private static String edited(String sample, String field, Object value) throws IOException {
    Map<String, Object> payload = new LinkedHashMap<>(Json.parseObject(sample(sample)).asMap());
    payload.put(field, value);
    return Json.write(payload);
  }

  @Test
  void givenTheApproveClick_thenItIsReadWithUserAndChannel() throws IOException {
    Interaction.Click click = assertInstanceOf(Interaction.Click.class,
        parse(sample("slack-block-actions-approve.json")));

    assertEquals("apv-a62e9b97bb34d306fccb4a12e18250bf", click.approvalId());
    assertEquals("U0ALICE", click.user().id());
    assertEquals("C0PAYMENTS", click.channel());
  }

  @Test
  void givenAFieldOfTheWrongJsonType_thenThePayloadIsRefusedNamingIt() throws IOException {
    assertEquals("payload $.user.id: expected a string, found a number",
        refused(sample("slack-block-actions-wrong-type.json")));
    assertEquals("payload $.type: expected a string, found a number", refused("{\"type\": 1}"));
    assertEquals("payload $.trigger_id: expected a string, found a number",
        refused(edited("slack-block-actions-approve.json", "trigger_id", 8177542347527L)));
    assertEquals("payload $.channel.name: expected a string, found a boolean",
        refused(edited("slack-block-actions-approve.json", "channel", Map.of("id", "C0PAYMENTS", "name", true))));
    assertEquals("payload $.actions: expected an array, found an object",
        refused(edited("slack-block-actions-approve.json", "actions", Map.of("action_id", "baton.approve"))));
    assertEquals("payload $.view.private_metadata: expected a string, found an object",
        refused(edited("slack-view-submission-reject.json", "view", Map.of("callback_id", ApprovalBlocks.REASON_VIEW,
            "private_metadata", Map.of("approvalId", "apv-a62e9b97bb34d306fccb4a12e18250bf")))));
  }
}
