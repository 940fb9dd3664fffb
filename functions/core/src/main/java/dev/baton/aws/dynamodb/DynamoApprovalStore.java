package dev.baton.aws.dynamodb;

import static dev.baton.aws.dynamodb.Attr.n;
import static dev.baton.aws.dynamodb.Attr.s;

import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalClaim;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.ApprovalStatus;
import dev.baton.core.approval.ApprovalStore;
import dev.baton.core.approval.ApprovalTransition;
import dev.baton.core.approval.BreakGlassOverride;
import dev.baton.core.approval.Decision;
import dev.baton.core.approval.SlackUser;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Approvals in the Baton table: one item per request ({@code APPROVAL#<id>} / {@code APPROVAL}), listed per approval
 * action through GSI1 ({@code APPROVALS#<pipeline>#<stage>#<action>}, newest first by request time); once it ends,
 * an item under its execution ({@code PIPELINE#<p>} / {@code EXEC#<id>#APPROVAL#<stage>#<action>}) that the history
 * joins. Every change is a conditional write on {@code status}.
 */
public final class DynamoApprovalStore implements ApprovalStore {
  private static final String SK = "APPROVAL";
  private static final Map<String, String> STATUS = Map.of("#status", "status");
  private static final Map<String, String> CLAIMED = Map.of("#status", "status", "#pipeline", "pipeline",
      "#stage", "stage", "#action", "action", "#expires", "expires");

  private final DynamoDbClient dynamo;
  private final String table;
  private final Optional<Duration> retention;

  public DynamoApprovalStore(DynamoDbClient dynamo, String table, Optional<Duration> retention) {
    this.dynamo = dynamo;
    this.table = table;
    this.retention = retention;
  }

  @Override
  public Optional<Approval> create(Approval a, Instant postLeaseUntil) {
    Map<String, AttributeValue> item = toItem(a);
    item.put("postLeaseUntil", n(postLeaseUntil.toEpochMilli()));
    try {
      dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      return Optional.of(find(a.id()).orElseThrow(() -> new IllegalStateException("conditional put failed but no "
          + "approval " + a.id())));
    }
  }

  @Override
  public Optional<Approval> find(String id) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true))
        .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public boolean takeOverPosting(String id, Instant now, Instant leaseUntil) {
    return update(id, "SET postLeaseUntil = :lease",
        "#status = :pending AND attribute_not_exists(messageTs) AND postLeaseUntil <= :now",
        Map.of(":lease", n(leaseUntil.toEpochMilli()), ":now", n(now.toEpochMilli()),
            ":pending", s(ApprovalStatus.PENDING.name())));
  }

  @Override
  public void releasePosting(String id) {
    update(id, "SET postLeaseUntil = :zero", "attribute_not_exists(messageTs)", Map.of(":zero", n(0)));
  }

  @Override
  public void recordMessage(String id, String channel, String ts) {
    update(id, "SET channel = :c, messageTs = :ts REMOVE postLeaseUntil", "attribute_not_exists(messageTs)",
        Map.of(":c", s(channel), ":ts", s(ts)));
  }

  @Override
  public void recordExecution(String id, String executionId) {
    update(id, "SET executionId = :e", "attribute_exists(pk) AND attribute_not_exists(executionId)",
        Map.of(":e", s(executionId)));
  }

  @Override
  public boolean recordStarter(String id, String executionId, String startedBy) {
    return update(id, "SET executionId = if_not_exists(executionId, :e), startedBy = :s",
        "attribute_exists(pk) AND attribute_not_exists(startedBy)", Map.of(":e", s(executionId), ":s", s(startedBy)));
  }

  @Override
  public boolean recordMessageShown(String id, ApprovalStatus status) {
    return update(id, "SET messageShows = :shown", "#status = :shown", Map.of(":shown", s(status.name())));
  }

  @Override
  public ApprovalTransition decide(ApprovalClaim claim, Decision d, List<String> starterMayNotBe) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":deciding", s(d.deciding().name()));
    values.put(":decision", s(d.approve() ? "approve" : "reject"));
    values.put(":by", s(d.by().id()));
    values.put(":byName", s(d.by().name()));
    values.put(":in", s(d.channel()));
    values.put(":at", s(d.at().toString()));
    String update = "SET #status = :deciding, decision = :decision, decidedBy = :by, decidedByName = :byName, "
        + "decidedIn = :in, decidedAt = :at";
    if (d.reason().isPresent()) {
      values.put(":reason", s(d.reason().get()));
      update += ", reason = :reason";
    }
    if (d.breakGlass().isPresent()) {
      BreakGlassOverride g = d.breakGlass().get();
      values.put(":glassReason", s(g.reason()));
      values.put(":glassFreeze", s(g.freeze()));
      values.put(":glassUntil", s(g.frozenUntil().toString()));
      update += ", breakGlassReason = :glassReason, breakGlassFreeze = :glassFreeze, frozenUntil = :glassUntil";
    }
    StringBuilder condition = new StringBuilder(pendingAsClaimed(claim, values));
    if (!starterMayNotBe.isEmpty()) {
      condition.append(" AND attribute_exists(startedBy) AND NOT (");
      for (int i = 0; i < starterMayNotBe.size(); i++) {
        String identity = starterMayNotBe.get(i);
        boolean prefix = identity.endsWith("*");
        values.put(":i" + i, s(prefix ? identity.substring(0, identity.length() - 1) : identity));
        condition.append(i == 0 ? "" : " OR ").append(prefix ? "begins_with(startedBy, :i" + i + ")"
            : "startedBy = :i" + i);
      }
      condition.append(')');
    }
    return transition(claim.id(), update, condition.toString(), values);
  }

  @Override
  public boolean claimOverrideAnnouncement(String id, Instant at) {
    return update(id, "SET breakGlassAnnouncedAt = :at",
        "attribute_exists(breakGlassReason) AND attribute_not_exists(breakGlassAnnouncedAt)",
        Map.of(":at", s(at.toString())));
  }

  @Override
  public void releaseOverrideAnnouncement(String id) {
    dynamo.updateItem(b -> b.tableName(table).key(key(id)).updateExpression("REMOVE breakGlassAnnouncedAt"));
  }

  @Override
  public ApprovalTransition expire(ApprovalClaim claim, String note, Instant at) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":expired", s(ApprovalStatus.EXPIRED.name()));
    values.put(":outcome", s(note));
    values.put(":completed", s(at.toString()));
    return transition(claim.id(), "SET #status = :expired, outcome = :outcome, completedAt = :completed",
        pendingAsClaimed(claim, values), values);
  }

  /** The condition that the approval is PENDING and as claimed (its approval action and expiry). */
  private static String pendingAsClaimed(ApprovalClaim claim, Map<String, AttributeValue> values) {
    values.put(":pending", s(ApprovalStatus.PENDING.name()));
    values.put(":pipeline", s(claim.pipeline()));
    values.put(":stage", s(claim.stage()));
    values.put(":action", s(claim.action()));
    String condition = "#status = :pending AND #pipeline = :pipeline AND #stage = :stage AND #action = :action AND ";
    if (claim.expires().isPresent()) {
      values.put(":expires", s(claim.expires().get().toString()));
      return condition + "#expires = :expires";
    }
    return condition + "attribute_not_exists(#expires)";
  }

  /** One conditional update that returns the item after it, or (refused) as it stood: never a second read. */
  private ApprovalTransition transition(String id, String update, String condition,
                                        Map<String, AttributeValue> values) {
    try {
      Map<String, AttributeValue> after = dynamo.updateItem(b -> b.tableName(table).key(key(id))
          .updateExpression(update).conditionExpression(condition).expressionAttributeNames(CLAIMED)
          .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
      return ApprovalTransition.done(fromItem(after));
    } catch (ConditionalCheckFailedException e) {
      // DynamoDB returns the item with the refusal (ReturnValuesOnConditionCheckFailure); a store that does not
      // (dynalite, the local stand-in) costs a consistent read.
      return ApprovalTransition.refused(e.hasItem() && !e.item().isEmpty() ? Optional.of(fromItem(e.item()))
          : find(id));
    }
  }

  @Override
  public boolean finish(String id, Set<ApprovalStatus> from, ApprovalStatus to, Optional<String> outcome,
                        Instant at, boolean messageShown) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":to", s(to.name()));
    values.put(":at", s(at.toString()));
    StringBuilder condition = new StringBuilder("#status IN (");
    int i = 0;
    for (ApprovalStatus f : from) {
      condition.append(i == 0 ? "" : ", ").append(":f").append(i);
      values.put(":f" + i++, s(f.name()));
    }
    condition.append(')');
    String update = "SET #status = :to, completedAt = :at" + (messageShown ? ", messageShows = :to" : "");
    if (outcome.isPresent()) {
      values.put(":outcome", s(outcome.get()));
      update += ", outcome = :outcome";
    }
    return update(id, update, condition.toString(), values);
  }

  @Override
  public List<Approval> forAction(String pipeline, String stage, String action, int limit) {
    return dynamo.query(q -> q.tableName(table).indexName(BatonTable.GSI1)
            .keyConditionExpression("gsi1pk = :p")
            .expressionAttributeValues(Map.of(":p", s(actionKey(pipeline, stage, action))))
            .scanIndexForward(false).limit(limit))
        .items().stream().map(DynamoApprovalStore::fromItem).toList();
  }

  @Override
  public void link(Approval a, ApprovalStatus status, Instant completedAt) {
    if (a.executionId().isEmpty()) {
      return;
    }
    ApprovalRequest r = a.request();
    Map<String, AttributeValue> link = new HashMap<>();
    link.put(BatonTable.PK, s("PIPELINE#" + r.pipeline()));
    link.put(BatonTable.SK, s("EXEC#" + a.executionId().get() + "#APPROVAL#" + r.stage() + "#" + r.action()));
    link.put("type", s("approval-link"));
    link.put("approvalId", s(a.id()));
    link.put("pipeline", s(r.pipeline()));
    link.put("stage", s(r.stage()));
    link.put("action", s(r.action()));
    link.put("executionId", s(a.executionId().get()));
    link.put("status", s(status.name()));
    link.put("requestedAt", s(a.requestedAt().toString()));
    link.put("completedAt", s(a.completedAt().orElse(completedAt).toString()));
    a.decision().ifPresent(d -> {
      link.put("decision", s(d.approve() ? "approve" : "reject"));
      link.put("decidedBy", s(d.by().id()));
      link.put("decidedByName", s(d.by().name()));
      link.put("decidedIn", s(d.channel()));
      link.put("decidedAt", s(d.at().toString()));
      link.put("summary", s(d.summary()));
      d.reason().ifPresent(x -> link.put("reason", s(x)));
      d.breakGlass().ifPresent(g -> {
        link.put("breakGlassReason", s(g.reason()));
        link.put("breakGlassFreeze", s(g.freeze()));
        link.put("frozenUntil", s(g.frozenUntil().toString()));
      });
    });
    a.outcome().ifPresent(o -> link.put("outcome", s(o)));
    expiry(a.requestedAt()).ifPresent(e -> link.put(BatonTable.TTL, e));
    dynamo.putItem(b -> b.tableName(table).item(link));
  }

  private boolean update(String id, String update, String condition, Map<String, AttributeValue> values) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(id)).updateExpression(update)
          .conditionExpression(condition)
          .expressionAttributeNames(condition.contains("#status") ? STATUS : null)
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  static Map<String, AttributeValue> key(String id) {
    return Map.of(BatonTable.PK, s("APPROVAL#" + id), BatonTable.SK, s(SK));
  }

  static String actionKey(String pipeline, String stage, String action) {
    return "APPROVALS#" + pipeline + "#" + stage + "#" + action;
  }

  private Map<String, AttributeValue> toItem(Approval a) {
    ApprovalRequest r = a.request();
    Map<String, AttributeValue> item = new LinkedHashMap<>(key(a.id()));
    item.put("type", s("approval"));
    item.put(BatonTable.GSI1_PK, s(actionKey(r.pipeline(), r.stage(), r.action())));
    item.put(BatonTable.GSI1_SK, s(a.requestedAt() + "#" + a.id()));
    item.put("approvalId", s(a.id()));
    item.put("region", s(r.region()));
    item.put("pipeline", s(r.pipeline()));
    item.put("stage", s(r.stage()));
    item.put("action", s(r.action()));
    item.put("token", s(r.token()));
    r.expires().ifPresent(x -> item.put("expires", s(x.toString())));
    Attr.putIfPresent(item, "customData", r.customData());
    Attr.putIfPresent(item, "externalEntityLink", r.externalEntityLink());
    Attr.putIfPresent(item, "approvalReviewLink", r.approvalReviewLink());
    Attr.putIfPresent(item, "consoleLink", r.consoleLink());
    item.put("status", s(a.status().name()));
    item.put("requestedAt", s(a.requestedAt().toString()));
    Attr.putIfPresent(item, "executionId", a.executionId());
    Attr.putIfPresent(item, "startedBy", a.startedBy());
    expiry(a.requestedAt()).ifPresent(e -> item.put(BatonTable.TTL, e));
    return item;
  }

  static Approval fromItem(Map<String, AttributeValue> item) {
    ApprovalRequest r = new ApprovalRequest(Attr.str(item, "region").orElse(""), Attr.req(item, "pipeline"),
        Attr.req(item, "stage"), Attr.req(item, "action"), Attr.req(item, "token"), Attr.instant(item, "expires"),
        Attr.str(item, "customData"), Attr.str(item, "externalEntityLink"), Attr.str(item, "approvalReviewLink"),
        Attr.str(item, "consoleLink"));
    Optional<Decision> decision = Attr.str(item, "decision").map(d -> new Decision(d.equals("approve"),
        new SlackUser(Attr.req(item, "decidedBy"), Attr.str(item, "decidedByName").orElse(null)),
        Attr.str(item, "decidedIn").orElse(""), Instant.parse(Attr.req(item, "decidedAt")),
        Attr.str(item, "reason"), Attr.str(item, "breakGlassReason").map(why -> new BreakGlassOverride(why,
            Attr.req(item, "breakGlassFreeze"), Instant.parse(Attr.req(item, "frozenUntil"))))));
    return new Approval(Attr.req(item, "approvalId"), r, ApprovalStatus.valueOf(Attr.req(item, "status")),
        Instant.parse(Attr.req(item, "requestedAt")), Attr.str(item, "executionId"), Attr.str(item, "startedBy"),
        Attr.str(item, "channel"), Attr.str(item, "messageTs"), decision, Attr.str(item, "outcome"),
        Attr.instant(item, "completedAt"), Attr.str(item, "messageShows").map(ApprovalStatus::valueOf),
        DynamoTeamsCards.card(item));
  }

  private Optional<AttributeValue> expiry(Instant from) {
    return retention.map(d -> n(from.plus(d).getEpochSecond()));
  }
}
