package dev.baton.aws.dynamodb;

import static dev.baton.aws.dynamodb.Attr.n;
import static dev.baton.aws.dynamodb.Attr.s;

import dev.baton.core.release.ReleaseRecord;
import dev.baton.core.release.ReleaseRequests;
import dev.baton.core.release.Released;
import dev.baton.core.release.Requester;
import dev.baton.core.release.ReleaseStatus;
import dev.baton.core.release.ReleaseStore;
import dev.baton.core.release.S3Object;
import dev.baton.core.release.SourceRevision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Release records in the Baton table. One item per upload ({@code pk = RELEASE#<bucket>/<key>},
 * {@code sk = UPLOAD#<version id, or etag and sequencer>}), found per pipeline through GSI1; once started, a link
 * item under the execution ({@code PIPELINE#<name>} / {@code EXEC#<id>#RELEASE}) joins the history to it. A release
 * asked for from chat is an item of its own beside the upload's ({@code sk = REQUEST#<request id>}), with who asked
 * ({@code requestedBy}, {@code requestedByName}; on its link item too).
 */
public final class DynamoReleaseStore implements ReleaseStore, ReleaseRequests {
  private static final String STATUS = Claims.STATUS;
  static final String WAITING = "RELEASES#WAITING";

  private final DynamoDbClient dynamo;
  private final String table;
  private final Optional<Duration> retention;
  private final Claims claims;

  public DynamoReleaseStore(DynamoDbClient dynamo, String table, Optional<Duration> retention) {
    this.dynamo = dynamo;
    this.table = table;
    this.retention = retention;
    this.claims = new Claims(dynamo, table);
  }

  @Override
  public Optional<ReleaseRecord> claim(ReleaseRecord record) {
    return claims.claim(toItem(record), key(record.object())).map(DynamoReleaseStore::fromItem);
  }

  @Override
  public Optional<ReleaseRecord> find(S3Object object) {
    return claims.find(key(object)).map(DynamoReleaseStore::fromItem);
  }

  @Override
  public boolean takeOver(S3Object object, Instant now, Instant newLeaseUntil) {
    return claims.takeOver(key(object), now, newLeaseUntil);
  }

  @Override
  public void markStarted(ReleaseRecord record, String executionId, Instant now) {
    putLink(record, key(record.object()), Optional.empty(), executionId, now);
    claims.markStarted(key(record.object()), record.pipeline(), executionId, now);
  }

  /** The item beside the execution that joins the history to its release (and to who asked for it, if anyone). */
  private void putLink(ReleaseRecord record, Map<String, AttributeValue> releaseKey, Optional<Requester> by,
                       String executionId, Instant now) {
    Map<String, AttributeValue> link = new HashMap<>();
    link.put(BatonTable.PK, s("PIPELINE#" + record.pipeline()));
    link.put(BatonTable.SK, s("EXEC#" + executionId + "#RELEASE"));
    link.put("type", s("release-link"));
    link.put("executionId", s(executionId));
    link.put("pipeline", s(record.pipeline()));
    link.put("rule", s(record.rule()));
    link.put("bucket", s(record.object().bucket()));
    link.put("key", s(record.object().key()));
    Attr.putIfPresent(link, "versionId", record.object().versionId());
    Attr.putIfPresent(link, "etag", Optional.of(record.object().etag()));
    link.put("variables", Attr.m(record.variables()));
    link.put("requestedAt", s(record.requestedAt().toString()));
    link.put("releasePk", releaseKey.get(BatonTable.PK));
    link.put("releaseSk", releaseKey.get(BatonTable.SK));
    by.ifPresent(r -> requester(link, r));
    expiry(now).ifPresent(e -> link.put(BatonTable.TTL, e));
    dynamo.putItem(b -> b.tableName(table).item(link));
  }

  @Override
  public void markFailed(S3Object object, String pipeline, String reason, Instant now) {
    claims.markFailed(key(object), pipeline, reason, now);
  }

  @Override
  public List<ReleaseRecord> waiting() {
    List<ReleaseRecord> out = new ArrayList<>();
    claims.waiting(WAITING).forEach(item -> out.add(fromItem(item)));
    return out;
  }

  @Override
  public boolean releaseHold(S3Object object, Instant now, Instant leaseUntil) {
    return claims.releaseHold(key(object), now, leaseUntil);
  }

  @Override
  public void releaseLease(S3Object object, String lastError) {
    claims.releaseLease(key(object), lastError);
  }

  // Releases asked for from chat (ReleaseRequests): items of their own beside the upload's, sk REQUEST#<id>.

  @Override
  public List<Released> released(String pipeline, int limit) {
    List<Released> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.query(b -> b.tableName(table).indexName(BatonTable.GSI1)
          .keyConditionExpression("gsi1pk = :p AND begins_with(gsi1sk, :r)")
          .expressionAttributeValues(Map.of(":p", s("PIPELINE#" + pipeline), ":r", s("RELEASE#")))
          .scanIndexForward(false).limit(limit - out.size()).exclusiveStartKey(from));
      page.items().forEach(item -> out.add(released(item)));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null && out.size() < limit);
    return out;
  }

  @Override
  public Optional<Released> find(String bucket, String key, String ref) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of(BatonTable.PK,
        s("RELEASE#" + bucket + "/" + key), BatonTable.SK, s(ref))).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(released(item));
  }

  @Override
  public Optional<Released> claimRequest(String requestId, ReleaseRecord record, Requester by) {
    Map<String, AttributeValue> key = requestKey(requestId, record);
    Map<String, AttributeValue> item = toItem(record);
    item.putAll(key);
    requester(item, by);
    try {
      dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      return Optional.of(find(record.object().bucket(), record.object().key(), key.get(BatonTable.SK).s())
          .orElseThrow(() -> new IllegalStateException("conditional put failed but no item for " + requestId)));
    }
  }

  @Override
  public boolean takeOverRequest(String requestId, ReleaseRecord record, Instant now, Instant newLeaseUntil) {
    return claims.takeOver(requestKey(requestId, record), now, newLeaseUntil);
  }

  @Override
  public void markRequestStarted(String requestId, ReleaseRecord record, Requester by, String executionId,
                                 Instant now) {
    putLink(record, requestKey(requestId, record), Optional.of(by), executionId, now);
    claims.markStarted(requestKey(requestId, record), record.pipeline(), executionId, now);
  }

  @Override
  public void markRequestFailed(String requestId, ReleaseRecord record, String reason, Instant now) {
    claims.markFailed(requestKey(requestId, record), record.pipeline(), reason, now);
  }

  @Override
  public void releaseRequestLease(String requestId, ReleaseRecord record, String lastError) {
    claims.releaseLease(requestKey(requestId, record), lastError);
  }

  private static Map<String, AttributeValue> requestKey(String requestId, ReleaseRecord record) {
    return Map.of(BatonTable.PK, s("RELEASE#" + record.object().bucket() + "/" + record.object().key()),
        BatonTable.SK, s("REQUEST#" + requestId));
  }

  private static void requester(Map<String, AttributeValue> item, Requester by) {
    item.put("requestedBy", s(by.userId()));
    Attr.putIfPresent(item, "requestedByName", by.name());
  }

  private static Released released(Map<String, AttributeValue> item) {
    return new Released(Attr.req(item, BatonTable.SK), fromItem(item), Attr.str(item, "requestedBy")
        .map(id -> new Requester(id, Attr.str(item, "requestedByName"))));
  }

  static Map<String, AttributeValue> key(S3Object object) {
    return Map.of(
        BatonTable.PK, s("RELEASE#" + object.bucket() + "/" + object.key()),
        BatonTable.SK, s("UPLOAD#" + object.uploadId()));
  }

  private Map<String, AttributeValue> toItem(ReleaseRecord r) {
    Map<String, AttributeValue> item = new HashMap<>(key(r.object()));
    item.put("type", s("release"));
    item.put(BatonTable.GSI1_PK, s(r.status() == ReleaseStatus.HELD ? WAITING : "PIPELINE#" + r.pipeline()));
    item.put(BatonTable.GSI1_SK, s("RELEASE#" + r.requestedAt() + "#" + r.object().bucket() + "/" + r.object().key()));
    item.put("bucket", s(r.object().bucket()));
    item.put("key", s(r.object().key()));
    Attr.putIfPresent(item, "versionId", r.object().versionId());
    Attr.putIfPresent(item, "etag", Optional.of(r.object().etag()));
    Attr.putIfPresent(item, "sequencer", Optional.of(r.object().sequencer()));
    Attr.putIfPresent(item, "uploadReason", Optional.of(r.object().reason()));
    item.put("size", n(r.object().size()));
    item.put("rule", s(r.rule()));
    item.put("pipeline", s(r.pipeline()));
    item.put("variables", Attr.m(r.variables()));
    r.sourceRevision().ifPresent(sr -> {
      item.put("sourceAction", s(sr.actionName()));
      item.put("sourceRevisionType", s(sr.type().name()));
      item.put("sourceRevisionValue", s(sr.value()));
    });
    item.put("clientRequestToken", s(r.clientRequestToken()));
    Claims.putState(item, r.status(), r.requestedAt(), r.completedAt(), r.executionId(), r.reason(), r.leaseUntil(),
        r.attempts(), r.hold());
    expiry(r.requestedAt()).ifPresent(e -> item.put(BatonTable.TTL, e));
    return item;
  }

  static ReleaseRecord fromItem(Map<String, AttributeValue> item) {
    S3Object object = new S3Object(Attr.req(item, "bucket"), Attr.req(item, "key"), Attr.str(item, "versionId"),
        Attr.str(item, "etag").orElse(""), Attr.str(item, "sequencer").orElse(""), Attr.num(item, "size", 0),
        Attr.str(item, "uploadReason").orElse(""));
    Optional<SourceRevision> revision = Attr.str(item, "sourceAction").map(action -> new SourceRevision(action,
        SourceRevision.Type.valueOf(Attr.req(item, "sourceRevisionType")), Attr.req(item, "sourceRevisionValue")));
    return new ReleaseRecord(object, Attr.req(item, "rule"), Attr.req(item, "pipeline"), Attr.map(item, "variables"),
        revision, Attr.req(item, "clientRequestToken"), ReleaseStatus.valueOf(Attr.req(item, STATUS)),
        Instant.parse(Attr.req(item, "requestedAt")), Attr.instant(item, "completedAt"),
        Attr.str(item, "executionId"), Attr.str(item, "failureReason"),
        Instant.ofEpochMilli(Attr.num(item, "leaseUntil", 0)), (int) Attr.num(item, "attempts", 1),
        Claims.hold(item));
  }

  private Optional<AttributeValue> expiry(Instant from) {
    return retention.map(d -> n(from.plus(d).getEpochSecond()));
  }
}
