package dev.baton.aws.dynamodb;

import dev.baton.local.Dynalite;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import dev.baton.local.LocalStack;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A dynalite server for a test class, and fresh Baton tables in it (the schema template.yaml declares). Register it as
 * {@code @RegisterExtension static final LocalDynamo dynamo = new LocalDynamo();}: it stops after the class.
 */
public final class LocalDynamo implements AutoCloseable, AfterAllCallback {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private final Dynalite dynalite = Dynalite.start();
  private final DynamoDbClient client = DynamoDbClient.builder()
      .endpointOverride(dynalite.endpoint())
      .region(Region.of(LocalStack.REGION))
      .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
      .httpClient(UrlConnectionHttpClient.create())
      .build();

  public DynamoDbClient client() {
    return client;
  }

  /** Creates a new, empty table with Baton's schema and returns its name. */
  public String newTable() {
    String name = "baton-test-" + TABLES.incrementAndGet();
    BatonTable.create(client, name);
    return name;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    client.close();
    dynalite.close();
  }
}
