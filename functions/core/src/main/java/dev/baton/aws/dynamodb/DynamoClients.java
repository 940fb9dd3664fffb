package dev.baton.aws.dynamodb;

import dev.baton.aws.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client the functions use: {@link AwsClients}' settings, built on its first call. */
public final class DynamoClients {
  private DynamoClients() {}

  public static DynamoDbClient defaultClient() {
    return new LazyDynamoDbClient(() -> AwsClients.regional(DynamoDbClient.builder()));
  }
}
