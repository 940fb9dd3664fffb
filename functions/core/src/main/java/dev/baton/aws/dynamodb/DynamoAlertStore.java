package dev.baton.aws.dynamodb;

import static dev.baton.aws.dynamodb.Attr.n;
import static dev.baton.aws.dynamodb.Attr.s;

import dev.baton.core.alerts.Alert;
import dev.baton.core.alerts.AlertStore;
import dev.baton.core.alerts.Claim;
import dev.baton.core.alerts.Delivery;
import dev.baton.core.alerts.ExecutionStatus;
import dev.baton.core.alerts.FailedAction;
import dev.baton.core.alerts.Notice;
import dev.baton.core.alerts.NoticeKey;
import dev.baton.core.alerts.NoticeState;
import dev.baton.core.alerts.PreviousOutcome;
import dev.baton.core.alerts.Provenance;
import dev.baton.core.alerts.Receipt;
import dev.baton.core.alerts.SlackThread;
import dev.baton.core.alerts.Target;
import dev.baton.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Alerting's items in the Baton table, all in the pipeline's partition ({@code PIPELINE#<pipeline>}):
 * <ul>
 *   <li>notice {@code ALERT#<exec>#<attempt>#<MAIN | ACTION#stage#action>}: the alert (JSON), its targets, the
 *       attempt's final state; created with {@code attribute_not_exists}: the one-alert-per-attempt dedupe;</li>
 *   <li>delivery {@code <notice sk>#TO#<target>}: the delivery log and per-target claim (status, attempts, lease,
 *       receipt, last error); read with its notice in one Query;</li>
 *   <li>thread {@code ALERT#<exec>#THREAD#<channel>}: the Slack parent message of the execution in a channel;</li>
 *   <li>last outcome {@code ALERTS#LAST}: the pipeline's latest finished attempt and the one before (recovery);</li>
 * </ul>
 * and it reads the release link ({@code EXEC#<exec>#RELEASE}) release-trigger writes. docs/storage.md has them all.
 */
public final class DynamoAlertStore implements AlertStore {
  private static final String STATUS = "status";
  private static final int MAX_ERROR = 1000;

  private final DynamoDbClient dynamo;
  private final String table;
  private final Optional<Duration> retention;

  public DynamoAlertStore(DynamoDbClient dynamo, String table, Optional<Duration> retention) {
    this.dynamo = dynamo;
    this.table = table;
    this.retention = retention;
  }

  static String pk(String pipeline) {
    return "PIPELINE#" + pipeline;
  }

  static String noticeSk(NoticeKey k) {
    return "ALERT#" + k.executionId() + "#" + k.attempt() + "#" + k.id();
  }

  static String deliverySk(NoticeKey k, Target t) {
    return noticeSk(k) + "#TO#" + t.id();
  }

  static String threadSk(String executionId, String channel) {
    return "ALERT#" + executionId + "#THREAD#" + channel;
  }

  static final String LAST_OUTCOME_SK = "ALERTS#LAST";

  @Override
  public Optional<NoticeState> load(NoticeKey key) {
    String sk = noticeSk(key);
    String prefix = sk + "#TO#";
    Notice notice = null;
    Map<String, Delivery> deliveries = new LinkedHashMap<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.query(q -> q.tableName(table).consistentRead(true)
          .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
          .expressionAttributeValues(Map.of(":pk", s(pk(key.pipeline())), ":from", s(sk), ":to", s(prefix + "~")))
          .exclusiveStartKey(from));
      for (Map<String, AttributeValue> item : page.items()) {
        String itemSk = Attr.req(item, BatonTable.SK);
        if (itemSk.equals(sk)) {
          notice = notice(key, item);
        } else if (itemSk.startsWith(prefix)) {
          Delivery d = delivery(key, item);
          deliveries.put(d.target().id(), d);
        }
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return notice == null ? Optional.empty() : Optional.of(new NoticeState(notice, deliveries));
  }

  @Override
  public Optional<Notice> createNotice(Notice notice) {
    Map<String, AttributeValue> item = new HashMap<>(key(notice.key().pipeline(), noticeSk(notice.key())));
    item.put("type", s(notice.key().isMain() ? "alert" : "alert-follow-up"));
    item.put("pipeline", s(notice.key().pipeline()));
    item.put("executionId", s(notice.key().executionId()));
    item.put("attempt", n(notice.key().attempt()));
    item.put("notice", s(notice.key().id()));
    item.put("kind", s(notice.alert().kind().name()));
    item.put("severity", s(notice.alert().severity().value()));
    item.put("alert", s(notice.alert().toJson()));
    notice.action().ifPresent(a -> item.put("action", s(Json.write(a.toMap()))));
    item.put("targets", AttributeValue.fromL(notice.targets().stream().map(t -> s(t.id())).toList()));
    notice.finalState().ifPresent(f -> item.put("finalState", s(f)));
    item.put("createdAt", s(notice.createdAt().toString()));
    expiry(notice.createdAt()).ifPresent(e -> item.put(BatonTable.TTL, e));
    try {
      dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      return Optional.of(load(notice.key()).orElseThrow(() -> new IllegalStateException(
          "conditional put failed but no notice at " + notice.key())).notice());
    }
  }

  @Override
  public void recordFinalState(NoticeKey main, String state) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(main.pipeline(), noticeSk(main)))
          .updateExpression("SET finalState = :s").conditionExpression("attribute_exists(pk)")
          .expressionAttributeValues(Map.of(":s", s(state))));
    } catch (ConditionalCheckFailedException noAlertYet) {
      // no alert for this attempt (yet): the one made from this event carries the state itself
    }
  }

  @Override
  public Claim claim(NoticeKey notice, Target target, Instant now, Instant leaseUntil) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":type", s("alert-delivery"));
    values.put(":target", s(target.id()));
    values.put(":notice", s(notice.id()));
    values.put(":sending", s(Delivery.Status.SENDING.name()));
    values.put(":failed", s(Delivery.Status.FAILED.name()));
    values.put(":lease", n(leaseUntil.toEpochMilli()));
    values.put(":nowMs", n(now.toEpochMilli()));
    values.put(":now", s(now.toString()));
    values.put(":one", n(1));
    String update = "SET #type = :type, target = :target, notice = :notice, #status = :sending, leaseUntil = :lease, "
        + "updatedAt = :now";
    Optional<AttributeValue> expires = expiry(now);
    if (expires.isPresent()) {
      values.put(":expires", expires.get());
      update += ", " + BatonTable.TTL + " = if_not_exists(" + BatonTable.TTL + ", :expires)";
    }
    String expression = update + " ADD attempts :one";
    try {
      Map<String, AttributeValue> item = dynamo.updateItem(b -> b.tableName(table)
          .key(key(notice.pipeline(), deliverySk(notice, target)))
          .updateExpression(expression)
          .conditionExpression("attribute_not_exists(pk) OR #status = :failed OR (#status = :sending AND "
              + "leaseUntil <= :nowMs)")
          .expressionAttributeNames(Map.of("#type", "type", "#status", STATUS))
          .expressionAttributeValues(values)
          .returnValues(ReturnValue.ALL_NEW)).attributes();
      return new Claim(true, delivery(notice, item));
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
          .key(key(notice.pipeline(), deliverySk(notice, target)))).item();
      return new Claim(false, delivery(notice, item));
    }
  }

  @Override
  public void delivered(NoticeKey notice, Target target, Receipt receipt, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":sent", s(Delivery.Status.SENT.name()));
    values.put(":id", s(receipt.id()));
    values.put(":now", s(now.toString()));
    String update = "SET #status = :sent, receiptId = :id, sentAt = :now, updatedAt = :now";
    if (receipt.channel().isPresent()) {
      values.put(":channel", s(receipt.channel().get()));
      update += ", receiptChannel = :channel";
    }
    String expression = update + " REMOVE leaseUntil, lastError";
    dynamo.updateItem(b -> b.tableName(table).key(key(notice.pipeline(), deliverySk(notice, target)))
        .updateExpression(expression).expressionAttributeNames(Map.of("#status", STATUS))
        .expressionAttributeValues(values));
  }

  @Override
  public void failed(NoticeKey notice, Target target, String error, boolean permanent, Instant now) {
    String e = error == null ? "unknown error" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":status", s((permanent ? Delivery.Status.REJECTED : Delivery.Status.FAILED).name()));
    values.put(":error", s(e));
    values.put(":now", s(now.toString()));
    values.put(":zero", n(0));
    values.put(":type", s("alert-delivery"));
    values.put(":target", s(target.id()));
    values.put(":notice", s(notice.id()));
    dynamo.updateItem(b -> b.tableName(table).key(key(notice.pipeline(), deliverySk(notice, target)))
        .updateExpression("SET #status = :status, lastError = :error, updatedAt = :now, leaseUntil = :zero, "
            + "#type = :type, target = :target, notice = :notice")
        .expressionAttributeNames(Map.of("#status", STATUS, "#type", "type"))
        .expressionAttributeValues(values));
  }

  @Override
  public Optional<SlackThread> findThread(String pipeline, String executionId, String channel) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(key(pipeline, threadSk(executionId, channel)))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(thread(item));
  }

  @Override
  public SlackThread saveThread(SlackThread t) {
    Map<String, AttributeValue> item = new HashMap<>(key(t.pipeline(), threadSk(t.executionId(), t.channel())));
    item.put("type", s("alert-thread"));
    item.put("pipeline", s(t.pipeline()));
    item.put("executionId", s(t.executionId()));
    item.put("channel", s(t.channel()));
    item.put("channelId", s(t.channelId()));
    item.put("ts", s(t.ts()));
    item.put("opening", s(t.opening().toJson()));
    item.put("rendered", s(t.rendered().encode()));
    item.put("updatedAt", s(Instant.now().toString()));
    expiry(Instant.now()).ifPresent(e -> item.put(BatonTable.TTL, e));
    try {
      dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return t;
    } catch (ConditionalCheckFailedException e) {
      return findThread(t.pipeline(), t.executionId(), t.channel()).orElse(t);
    }
  }

  @Override
  public boolean threadRendered(SlackThread t, ExecutionStatus status) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(t.pipeline(), threadSk(t.executionId(), t.channel())))
          .updateExpression("SET rendered = :new, updatedAt = :now").conditionExpression("rendered = :old")
          .expressionAttributeValues(Map.of(":new", s(status.encode()), ":old", s(t.rendered().encode()),
              ":now", s(Instant.now().toString()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public PreviousOutcome recordOutcome(String pipeline, String executionId, int attempt, String state, Instant at) {
    Map<String, AttributeValue> key = key(pipeline, LAST_OUTCOME_SK);
    try {
      Map<String, AttributeValue> item = dynamo.updateItem(b -> b.tableName(table).key(key)
          .updateExpression("SET previousState = if_not_exists(#state, :none), "
              + "previousExecutionId = if_not_exists(executionId, :none), "
              + "previousAttempt = if_not_exists(#attempt, :zero), #state = :state, executionId = :exec, "
              + "#attempt = :attempt, #at = :at, #type = :type")
          .conditionExpression("attribute_not_exists(pk) OR (#at <= :at AND NOT (executionId = :exec AND "
              + "#attempt = :attempt))")
          .expressionAttributeNames(Map.of("#state", "state", "#attempt", "attempt", "#at", "at", "#type", "type"))
          .expressionAttributeValues(Map.of(":none", s("-"), ":zero", n(0), ":state", s(state),
              ":exec", s(executionId), ":attempt", n(attempt), ":at", n(at.toEpochMilli()),
              ":type", s("alert-last-outcome")))
          .returnValues(ReturnValue.ALL_NEW)).attributes();
      return previous(item);
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key)).item();
      boolean same = item != null && Attr.str(item, "executionId").filter(executionId::equals).isPresent()
          && Attr.num(item, "attempt", -1) == attempt;
      return same ? previous(item) : PreviousOutcome.STALE;
    }
  }

  @Override
  public Optional<Provenance.S3Upload> releaseOf(String pipeline, String executionId) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
        .key(key(pipeline, "EXEC#" + executionId + "#RELEASE"))).item();
    if (item == null || item.isEmpty() || Attr.str(item, "bucket").isEmpty() || Attr.str(item, "key").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Provenance.S3Upload(Attr.req(item, "bucket"), Attr.req(item, "key"),
        Attr.str(item, "versionId"), Attr.str(item, "rule")));
  }

  private static PreviousOutcome previous(Map<String, AttributeValue> item) {
    Optional<String> state = Attr.str(item, "previousState").filter(v -> !v.equals("-"));
    Optional<String> exec = Attr.str(item, "previousExecutionId").filter(v -> !v.equals("-"));
    return new PreviousOutcome(state, exec, (int) Attr.num(item, "previousAttempt", 0), false);
  }

  private static Notice notice(NoticeKey key, Map<String, AttributeValue> item) {
    Alert alert = Alert.fromJson(Attr.req(item, "alert"));
    Optional<FailedAction> action = Attr.str(item, "action").map(a -> FailedAction.fromMap(Json.parseObject(a)));
    List<Target> targets = item.containsKey("targets") && item.get("targets").hasL()
        ? item.get("targets").l().stream().map(v -> Target.parse(v.s())).toList() : List.of();
    return new Notice(key, alert, action, targets, Attr.str(item, "finalState"),
        Attr.instant(item, "createdAt").orElse(alert.time()));
  }

  private static Delivery delivery(NoticeKey notice, Map<String, AttributeValue> item) {
    Optional<Receipt> receipt = Attr.str(item, "receiptId")
        .map(id -> new Receipt(id, Attr.str(item, "receiptChannel")));
    return new Delivery(notice, Target.parse(Attr.req(item, "target")),
        Delivery.Status.valueOf(Attr.req(item, STATUS)), (int) Attr.num(item, "attempts", 0), receipt,
        Attr.str(item, "lastError"), Instant.ofEpochMilli(Attr.num(item, "leaseUntil", 0)));
  }

  private static SlackThread thread(Map<String, AttributeValue> item) {
    return new SlackThread(Attr.req(item, "pipeline"), Attr.req(item, "executionId"), Attr.req(item, "channel"),
        Attr.req(item, "channelId"), Attr.req(item, "ts"), Alert.fromJson(Attr.req(item, "opening")),
        ExecutionStatus.decode(Attr.req(item, "rendered")));
  }

  private static Map<String, AttributeValue> key(String pipeline, String sk) {
    return Map.of(BatonTable.PK, s(pk(pipeline)), BatonTable.SK, s(sk));
  }

  private Optional<AttributeValue> expiry(Instant from) {
    return retention.map(d -> n(from.plus(d).getEpochSecond()));
  }
}
