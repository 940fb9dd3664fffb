package dev.baton.aws.dynamodb;

import dev.baton.aws.LazyClient;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The functions' DynamoDB client, built on its first call ({@link LazyClient}): the operations Baton's stores use,
 * and {@link BatonTable#create}'s (CreateTable, and DescribeTable for its waiter).
 */
final class LazyDynamoDbClient extends LazyClient<DynamoDbClient> implements DynamoDbClient {
  LazyDynamoDbClient(Supplier<DynamoDbClient> build) {
    super(SERVICE_NAME, build);
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    return client().getItem(request);
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    return client().putItem(request);
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    return client().updateItem(request);
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    return client().query(request);
  }

  @Override
  public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
    return client().batchGetItem(request);
  }

  @Override
  public CreateTableResponse createTable(CreateTableRequest request) {
    return client().createTable(request);
  }

  @Override
  public DescribeTableResponse describeTable(DescribeTableRequest request) {
    return client().describeTable(request);
  }

  @Override
  public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
    return client().serviceClientConfiguration();
  }
}
