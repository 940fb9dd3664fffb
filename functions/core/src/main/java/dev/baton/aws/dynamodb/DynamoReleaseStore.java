package dev.baton.aws.dynamodb;

import static dev.baton.aws.dynamodb.Attr.n;
import static dev.baton.aws.dynamodb.Attr.s;

import dev.baton.core.release.ReleaseRecord;
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

/**
 * Release records in the Baton table. One item per upload ({@code pk = RELEASE#<bucket>/<key>},
 * {@code sk = UPLOAD#<version id, or etag and sequencer>}), found per pipeline through GSI1; once started, a link
 * item under the execution ({@code PIPELINE#<name>} / {@code EXEC#<id>#RELEASE}) joins the history to it.
 */
public final class DynamoReleaseStore implements ReleaseStore {
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
    link.put("releasePk", key(record.object()).get(BatonTable.PK));
    link.put("releaseSk", key(record.object()).get(BatonTable.SK));
    expiry(now).ifPresent(e -> link.put(BatonTable.TTL, e));
    dynamo.putItem(b -> b.tableName(table).item(link));
    finish(record.object(), "SET #status = :started, executionId = :exec, completedAt = :now, gsi1pk = :list "
        + "REMOVE lastError", Map.of(":started", s(ReleaseStatus.STARTED.name()), ":exec", s(executionId),
        ":now", s(now.toString()), ":list", s("PIPELINE#" + record.pipeline())));
  }

  @Override
  public void markFailed(S3Object object, String pipeline, String reason, Instant now) {
    finish(object, "SET #status = :failed, failureReason = :reason, completedAt = :now, gsi1pk = :list",
        Map.of(":failed", s(ReleaseStatus.FAILED.name()), ":reason", s(reason), ":now", s(now.toString()),
            ":list", s("PIPELINE#" + pipeline)));
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

  /** An update that applies only while the release is STARTING: a finished release is never written again. */
  private void finish(S3Object object, String update, Map<String, AttributeValue> values) {
    claims.finish(key(object), update, values);
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
