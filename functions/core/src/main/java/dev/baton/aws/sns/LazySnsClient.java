package dev.baton.aws.sns;

import dev.baton.aws.LazyClient;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsServiceClientConfiguration;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** The alerts function's SNS client, built on its first publish ({@link LazyClient}). */
final class LazySnsClient extends LazyClient<SnsClient> implements SnsClient {
  LazySnsClient(Supplier<SnsClient> build) {
    super(SERVICE_NAME, build);
  }

  @Override
  public PublishResponse publish(PublishRequest request) {
    return client().publish(request);
  }

  @Override
  public SnsServiceClientConfiguration serviceClientConfiguration() {
    return client().serviceClientConfiguration();
  }
}
