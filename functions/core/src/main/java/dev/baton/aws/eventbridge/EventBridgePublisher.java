package dev.baton.aws.eventbridge;

import dev.baton.aws.AwsClients;
import dev.baton.core.events.BatonEvent;
import dev.baton.core.events.EventPublishException;
import dev.baton.core.events.EventPublisher;
import dev.baton.core.json.Json;
import dev.baton.core.log.Log;
import dev.baton.core.runtime.Env;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes Baton's events with {@code PutEvents} to one bus (source {@code baton}, the detail type, the detail as
 * JSON, the time the change was recorded), at most 10 entries a call. Throttling and 5xx of the call itself are
 * retried by the SDK ({@link AwsClients}); entries the call answers as failed ({@code FailedEntryCount}) are sent
 * again, those only, after a growing pause, up to {@link #MAX_ATTEMPTS} times in all. Entries still failing then, or
 * a call the SDK gave up on, fail the invocation ({@link EventPublishException}, or the SDK's exception), so Lambda
 * retries it and finally parks the event in the function's dead-letter queue.
 */
public final class EventBridgePublisher implements EventPublisher {
  /** Tries per entry, the first included. */
  static final int MAX_ATTEMPTS = 4;
  static final int MAX_ENTRIES_PER_CALL = 10;
  private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

  private final EventBridgeClient client;
  private final String bus;
  private final Sleeper sleeper;

  /** How the publisher waits between tries (a test passes one that records instead of sleeping). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d);
  }

  public EventBridgePublisher(EventBridgeClient client, String bus, Sleeper sleeper) {
    this.client = client;
    this.bus = bus;
    this.sleeper = sleeper;
  }

  /**
   * The functions' publisher: the bus named by {@code BATON_EVENT_BUS} (a name or ARN; unset means the account's
   * {@code default} bus) and an EventBridge client built on the first publish.
   */
  public static EventBridgePublisher fromEnvironment() {
    return new EventBridgePublisher(defaultClient(), Env.optional("BATON_EVENT_BUS").orElse("default"),
        EventBridgePublisher::sleep);
  }

  /** The EventBridge client the functions use: {@link AwsClients}' settings, built on its first call. */
  public static EventBridgeClient defaultClient() {
    return new LazyEventBridgeClient(() -> AwsClients.regional(EventBridgeClient.builder()));
  }

  @Override
  public void publish(List<BatonEvent> events) {
    for (int from = 0; from < events.size(); from += MAX_ENTRIES_PER_CALL) {
      publishBatch(events.subList(from, Math.min(events.size(), from + MAX_ENTRIES_PER_CALL)));
    }
  }

  private void publishBatch(List<BatonEvent> batch) {
    List<BatonEvent> pending = batch;
    Duration pause = FIRST_PAUSE;
    Set<String> errors = new LinkedHashSet<>();
    for (int attempt = 1; ; attempt++) {
      PutEventsResponse response = client.putEvents(request(pending));
      List<BatonEvent> failed = failed(pending, response, errors);
      if (failed.isEmpty()) {
        if (attempt > 1) {
          Log.info("events published after a retry", "events", batch.size(), "attempts", attempt);
        }
        return;
      }
      if (attempt == MAX_ATTEMPTS) {
        Log.error("EventBridge refused events after every retry; the invocation fails for Lambda to retry it",
            "bus", bus, "failed", failed.stream().map(e -> e.type().text() + " " + e.id()).toList(),
            "errors", List.copyOf(errors), "attempts", attempt);
        throw new EventPublishException("EventBridge refused " + failed.size() + " of " + batch.size()
            + " events on bus " + bus + " after " + attempt + " attempts: " + String.join("; ", errors));
      }
      Log.warn("EventBridge refused some events; retrying those", "bus", bus, "failed", failed.size(),
          "errors", List.copyOf(errors), "attempt", attempt);
      sleeper.sleep(pause);
      pause = pause.multipliedBy(2);
      pending = failed;
    }
  }

  /** The entries of {@code sent} that the response reports failed (all of them if it cannot be read entry by entry). */
  private static List<BatonEvent> failed(List<BatonEvent> sent, PutEventsResponse response, Set<String> errors) {
    Integer count = response.failedEntryCount();
    if (count == null || count == 0) {
      return List.of();
    }
    List<PutEventsResultEntry> results = response.entries();
    if (results.size() != sent.size()) {
      errors.add(count + " failed entries, answered without one result per entry");
      return sent;
    }
    List<BatonEvent> failed = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      PutEventsResultEntry r = results.get(i);
      if (r.errorCode() != null && !r.errorCode().isBlank()) {
        failed.add(sent.get(i));
        errors.add(r.errorCode() + (r.errorMessage() == null ? "" : ": " + r.errorMessage()));
      }
    }
    return failed.isEmpty() ? sent : failed;
  }

  PutEventsRequest request(List<BatonEvent> events) {
    return PutEventsRequest.builder().entries(events.stream().map(this::entry).toList()).build();
  }

  private PutEventsRequestEntry entry(BatonEvent e) {
    return PutEventsRequestEntry.builder()
        .eventBusName(bus)
        .source(BatonEvent.SOURCE)
        .detailType(e.type().text())
        .time(e.time())
        .detail(Json.write(e.detail()))
        .build();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry PutEvents", e);
    }
  }
}
