package dev.baton.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.core.history.HistoryMetrics;
import dev.baton.core.history.HistoryRecorder;
import dev.baton.core.json.Json;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.local.PipelineStories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * GIVEN realistic event streams (success, failure, retry-then-success, superseded, stopped, approval rejected)
 * WHEN they are delivered in any order, with any events delivered more than once
 * THEN the history in DynamoDB (dynalite) is exactly what in-order delivery stores: every item, every attribute; and
 *      the metrics are what in-order delivery emits: one per execution attempt that ended, with its state and duration.
 */
class HistoryConvergenceTest {
  private static final Instant BASE = Instant.parse("2026-11-20T09:00:00.250Z");
  private static final Map<String, List<PipelineEvent>> STORIES = new LinkedHashMap<>();
  private static final Map<String, Outcome> IN_ORDER = new ConcurrentHashMap<>();
  private static LocalDynamo dynamo;

  @BeforeContainer
  static void start() {
    dynamo = new LocalDynamo();
    PipelineStories.all(BASE).forEach((name, events) -> STORIES.put(name,
        events.stream().map(e -> PipelineEvents.parse(Json.parseObject(e))).toList()));
    List<PipelineEvent> everything = new ArrayList<>();
    STORIES.values().forEach(everything::addAll);
    STORIES.put("all stories at once", everything);
  }

  @AfterContainer
  static void stop() {
    dynamo.close();
  }

  /** One delivery: the story and the order its events arrive in (indices; repeated ones are duplicates). */
  record Delivery(String story, List<Integer> order) {
    @Override
    public String toString() {
      return story + " delivered as " + order;
    }
  }

  /** What a delivery left: the pipeline's partition, and the metrics emitted (sorted: order is not the point). */
  record Outcome(SortedMap<String, Map<String, Object>> items, List<String> metrics) {}

  @Property(tries = 48)
  void anyOrderAndDuplicatesConvergeToInOrderState(@ForAll("deliveries") Delivery delivery) {
    List<PipelineEvent> events = STORIES.get(delivery.story());
    Outcome expected = IN_ORDER.computeIfAbsent(delivery.story(),
        s -> record(events, IntStream.range(0, events.size()).boxed().toList()));

    Outcome actual = record(events, delivery.order());

    assertEquals(List.of(), TableDump.diff(expected.items(), actual.items()), delivery::toString);
    assertEquals(expected.metrics(), actual.metrics(), delivery::toString);
  }

  @Provide
  Arbitrary<Delivery> deliveries() {
    return Arbitraries.of(List.copyOf(STORIES.keySet())).flatMap(story -> {
      int n = STORIES.get(story).size();
      int maxDuplicates = story.startsWith("all") ? 12 : n / 2;
      return Arbitraries.integers().between(0, n - 1).list().ofMaxSize(maxDuplicates).flatMap(duplicates -> {
        List<Integer> all = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        all.addAll(duplicates);
        return Arbitraries.shuffle(all).map(order -> new Delivery(story, order));
      });
    });
  }

  private static Outcome record(List<PipelineEvent> events, List<Integer> order) {
    String table = dynamo.newTable();
    List<String> metrics = new ArrayList<>();
    HistoryMetrics collect = e -> metrics.add(e.executionId() + " attempt " + e.attempt() + " "
        + e.status().orElseThrow() + " after " + e.duration().orElseThrow() + " commit "
        + e.commit().flatMap(c -> c.authorDate()).map(Object::toString).orElse("-"));
    HistoryRecorder recorder = new HistoryRecorder(new DynamoHistoryStore(dynamo.client(), table), collect,
        Optional.of(Duration.ofDays(400)));
    for (int i : order) {
      recorder.record(events.get(i));
    }
    SortedMap<String, Map<String, Object>> state = TableDump.partition(dynamo.client(), table,
        "PIPELINE#" + PipelineStories.PIPELINE);
    dynamo.client().deleteTable(b -> b.tableName(table));
    return new Outcome(state, metrics.stream().sorted().toList());
  }
}
