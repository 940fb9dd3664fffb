package dev.baton.aws.dynamodb;

import static dev.baton.aws.dynamodb.Attr.n;
import static dev.baton.aws.dynamodb.Attr.s;

import dev.baton.core.approval.TeamsCard;
import dev.baton.core.approval.TeamsCardStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * An approval's Teams card on the approval's item ({@link DynamoApprovalStore}): {@code teamsServiceUrl},
 * {@code teamsConversation}, {@code teamsActivityId} once posted, {@code teamsLeaseUntil} while being posted. Each
 * change is one conditional UpdateItem.
 */
public final class DynamoTeamsCards implements TeamsCardStore {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoTeamsCards(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public boolean claimPosting(String approvalId, Instant now, Instant leaseUntil) {
    return update(approvalId, "SET teamsLeaseUntil = :lease", "attribute_exists(pk) AND "
        + "attribute_not_exists(teamsActivityId) AND (attribute_not_exists(teamsLeaseUntil) OR teamsLeaseUntil <= :now)",
        Map.of(":lease", n(leaseUntil.toEpochMilli()), ":now", n(now.toEpochMilli())));
  }

  @Override
  public void releasePosting(String approvalId) {
    update(approvalId, "SET teamsLeaseUntil = :zero", "attribute_not_exists(teamsActivityId)", Map.of(":zero", n(0)));
  }

  @Override
  public void record(String approvalId, TeamsCard card) {
    update(approvalId, "SET teamsServiceUrl = :u, teamsConversation = :c, teamsActivityId = :a REMOVE teamsLeaseUntil",
        "attribute_exists(pk) AND attribute_not_exists(teamsActivityId)", Map.of(":u", s(card.serviceUrl()),
            ":c", s(card.conversation()), ":a", s(card.activityId())));
  }

  /** The card an approval item records, if any. */
  static Optional<TeamsCard> card(Map<String, AttributeValue> item) {
    Optional<String> activity = Attr.str(item, "teamsActivityId");
    return activity.map(a -> new TeamsCard(Attr.req(item, "teamsServiceUrl"), Attr.req(item, "teamsConversation"), a));
  }

  private boolean update(String id, String update, String condition, Map<String, AttributeValue> values) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(DynamoApprovalStore.key(id)).updateExpression(update)
          .conditionExpression(condition).expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }
}
