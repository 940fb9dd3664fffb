package dev.baton.aws.eventbridge;

import dev.baton.aws.LazyClient;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeServiceClientConfiguration;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** The functions' EventBridge client, built on its first call ({@link LazyClient}); the operations Baton uses. */
final class LazyEventBridgeClient extends LazyClient<EventBridgeClient> implements EventBridgeClient {
  LazyEventBridgeClient(Supplier<EventBridgeClient> build) {
    super(SERVICE_NAME, build);
  }

  @Override
  public PutEventsResponse putEvents(PutEventsRequest request) {
    return client().putEvents(request);
  }

  @Override
  public EventBridgeServiceClientConfiguration serviceClientConfiguration() {
    return client().serviceClientConfiguration();
  }
}
