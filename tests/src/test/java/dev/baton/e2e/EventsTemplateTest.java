package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.events.DetailType;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Repo;
import dev.baton.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Baton events in template.yaml: the functions that publish may call events:PutEvents on the one bus the
 * EventBusName parameter chooses (the default bus, or the bus the stack creates then) and on nothing else; the
 * others may not call it at all. (CloudFormation's Ref of an AWS::Events::EventBus is its name; the local resolver
 * gives a stand-in physical name.) Every detail type has a JSON Schema in docs/events/ and a sample in events/ whose
 * detail that schema describes.
 */
class EventsTemplateTest {
  private static final List<String> PUBLISHERS = List.of("ReleaseTriggerFunction", "ApprovalRequestFunction",
      "AlertsFunction", "ApprovalCallbackFunction");

  @Test
  void givenNoEventBusName_thenThePublishersMayPutEventsOnTheDefaultBusOnly_andNoBusIsCreated() {
    ResolvedStack stack = ResolvedStack.of(Map.of("ReleasePipelineNames", "*-deploy"));

    assertFalse(stack.condition("CreateEventBus"));
    for (String fn : PUBLISHERS) {
      Map<String, Object> s = stack.statement(fn, "PublishBatonEvents");
      assertEquals(List.of("events:PutEvents"), ResolvedStack.actions(s), fn);
      assertEquals("arn:aws:events:us-east-1:123456789012:event-bus/default", s.get("Resource"), fn);
      assertEquals("default", environment(stack, fn).get("BATON_EVENT_BUS"), fn);
    }
  }

  @Test
  void givenAnEventBusName_thenTheStackCreatesThatBus_andThePublishersMayPutEventsOnItOnly() {
    ResolvedStack stack = ResolvedStack.of(Map.of("ReleasePipelineNames", "*-deploy", "EventBusName", "baton-events"));

    assertTrue(stack.condition("CreateEventBus"));
    Map<String, Object> bus = SamTemplate.asMap(stack.template().resource("EventBus"));
    assertEquals("AWS::Events::EventBus", bus.get("Type"));
    assertEquals(Map.of("Name", "baton-events"), stack.resolve(bus.get("Properties")));
    for (String fn : PUBLISHERS) {
      Map<String, Object> s = stack.statement(fn, "PublishBatonEvents");
      assertEquals(stack.resolve(Map.of("Fn::GetAtt", List.of("EventBus", "Arn"))), s.get("Resource"), fn);
      assertEquals(stack.resolve(Map.of("Ref", "EventBus")), environment(stack, fn).get("BATON_EVENT_BUS"), fn);
    }
  }

  @Test
  void givenTheFunctionThatDoesNotPublish_thenItMayNotCallEventBridge() {
    ResolvedStack stack = ResolvedStack.of(Map.of("ReleasePipelineNames", "*-deploy", "EventBusName", "b"));
    for (String fn : List.of("PipelineHistoryFunction")) {
      assertTrue(stack.statements(fn).stream().flatMap(s -> ResolvedStack.actions(s).stream())
          .noneMatch(a -> a.startsWith("events:")), fn);
    }
  }

  @Test
  void everyDetailType_hasASchemaAndASampleWhoseDetailTheSchemaDescribes() throws IOException {
    for (DetailType t : DetailType.values()) {
      String name = t.text().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
      JsonObject schema = Json.parseObject(Files.readString(Repo.root().resolve("docs/events/" + name
          + ".schema.json")));
      JsonObject sample = Json.parseObject(Events.load(name + ".json"));
      assertEquals(t.text(), schema.string("title"));
      assertEquals(t.text(), sample.string("detail-type"));
      assertEquals("baton", sample.string("source"));
      Set<String> fields = sample.object("detail").keys();
      Set<String> known = schema.object("properties").keys();
      assertTrue(known.containsAll(fields), name + ": fields the schema does not describe: " + fields);
      assertTrue(fields.containsAll(schema.strings("required")), name + ": a required field is missing");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(ResolvedStack stack, String fn) {
    Map<String, Object> props = SamTemplate.asMap(stack.template().resource(fn).get("Properties"));
    Map<String, Object> env = SamTemplate.asMap(SamTemplate.asMap(props.get("Environment")).get("Variables"));
    return (Map<String, Object>) stack.resolve(env);
  }
}
