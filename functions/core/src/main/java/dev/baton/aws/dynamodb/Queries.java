package dev.baton.aws.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Every item of a Query, page after page (plain {@code query} calls, which the lazy client passes on). */
final class Queries {
  private Queries() {}

  static List<Map<String, AttributeValue>> all(DynamoDbClient dynamo, QueryRequest request) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    QueryRequest next = request;
    while (true) {
      QueryResponse page = dynamo.query(next);
      items.addAll(page.items());
      if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
        return items;
      }
      next = next.toBuilder().exclusiveStartKey(page.lastEvaluatedKey()).build();
    }
  }
}
