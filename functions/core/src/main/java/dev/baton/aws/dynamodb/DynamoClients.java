package dev.baton.aws.dynamodb;

import dev.baton.aws.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client the functions use. */
public final class DynamoClients {
  private DynamoClients() {}

  public static DynamoDbClient defaultClient() {
    return DynamoDbClient.builder()
        .region(AwsClients.region())
        .httpClient(AwsClients.httpClient())
        .overrideConfiguration(AwsClients.overrides())
        .build();
  }
}
