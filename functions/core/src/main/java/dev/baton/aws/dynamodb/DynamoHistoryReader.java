package dev.baton.aws.dynamodb;

import dev.baton.core.chatops.ExecutionHistory;
import dev.baton.core.history.ActionRecord;
import dev.baton.core.history.ChangeOrigin;
import dev.baton.core.history.ExecutionDetail;
import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.history.HistoryKeys;
import dev.baton.core.history.DoraHistory;
import dev.baton.core.history.PromotionLink;
import dev.baton.core.history.ReleaseLink;
import dev.baton.core.history.StageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads the execution history (docs/storage.md): Query and BatchGetItem only, never Scan.
 * <ul>
 *   <li>pipelines: gsi1 partition {@code PIPELINES};</li>
 *   <li>executions of a pipeline, newest first or in a time range: gsi1 partition {@code PIPELINE#<p>}, sort key
 *       {@code EXEC#<start time>#<id>};</li>
 *   <li>one execution with its stages, actions and release: base table, {@code begins_with(sk, "EXEC#<id>")}.</li>
 * </ul>
 */
public final class DynamoHistoryReader implements ExecutionHistory, DoraHistory {
  private final DynamoDbClient dynamo;
  private final String table;
  private final AtomicInteger requests = new AtomicInteger();

  public DynamoHistoryReader(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** DynamoDB requests made so far (for the benchmark and `--stats`). */
  public int requests() {
    return requests.get();
  }

  /** Every pipeline that has recorded executions, by name. */
  @Override
  public List<String> pipelines() {
    List<String> out = new ArrayList<>();
    for (Map<String, AttributeValue> item : query(QueryRequest.builder().tableName(table).indexName(BatonTable.GSI1)
        .keyConditionExpression("gsi1pk = :p")
        .expressionAttributeValues(Map.of(":p", Attr.s(HistoryKeys.PIPELINES))).build(), Integer.MAX_VALUE)) {
      Attr.str(item, "pipeline").ifPresent(out::add);
    }
    return out;
  }

  /** The newest executions of one pipeline (by start time). */
  @Override
  public List<ExecutionRecord> recent(String pipeline, int limit) {
    return query(QueryRequest.builder().tableName(table).indexName(BatonTable.GSI1)
        .keyConditionExpression("gsi1pk = :p AND begins_with(gsi1sk, :e)")
        .expressionAttributeValues(Map.of(":p", Attr.s(HistoryKeys.pipelinePk(pipeline)), ":e", Attr.s("EXEC#")))
        .scanIndexForward(false).limit(Math.min(limit, 1000)).build(), limit)
        .stream().map(HistoryItems::execution).toList();
  }

  /** The newest executions across all pipelines: the newest {@code limit} of each, merged. */
  public List<ExecutionRecord> recent(int limit) {
    List<ExecutionRecord> all = new ArrayList<>();
    for (String p : pipelines()) {
      all.addAll(recent(p, limit));
    }
    return all.stream().sorted(newestFirst()).limit(limit).toList();
  }

  /** The executions of a pipeline that started in [from, to), oldest first. */
  @Override
  public List<ExecutionRecord> startedBetween(String pipeline, Instant from, Instant to) {
    return query(QueryRequest.builder().tableName(table).indexName(BatonTable.GSI1)
        .keyConditionExpression("gsi1pk = :p AND gsi1sk BETWEEN :from AND :to")
        .expressionAttributeValues(Map.of(":p", Attr.s(HistoryKeys.pipelinePk(pipeline)),
            ":from", Attr.s("EXEC#" + HistoryKeys.timeKey(from)),
            ":to", Attr.s("EXEC#" + HistoryKeys.timeKey(to.minusMillis(1)) + "#\uffff")))
        .build(), Integer.MAX_VALUE)
        .stream().map(HistoryItems::execution).toList();
  }

  /** One execution with its stages, actions and the release that started it; empty if nothing is recorded. */
  public Optional<ExecutionDetail> detail(String pipeline, String executionId) {
    String prefix = HistoryKeys.executionSk(executionId);
    List<Map<String, AttributeValue>> items = query(QueryRequest.builder().tableName(table)
        .keyConditionExpression("pk = :p AND begins_with(sk, :e)")
        .expressionAttributeValues(Map.of(":p", Attr.s(HistoryKeys.pipelinePk(pipeline)), ":e", Attr.s(prefix)))
        .consistentRead(true).build(), Integer.MAX_VALUE);
    Optional<ExecutionRecord> execution = Optional.empty();
    List<StageRecord> stages = new ArrayList<>();
    List<ActionRecord> actions = new ArrayList<>();
    Optional<ReleaseLink> release = Optional.empty();
    Optional<PromotionLink> promotion = Optional.empty();
    for (Map<String, AttributeValue> item : items) {
      String sk = Attr.req(item, BatonTable.SK);
      if (sk.equals(prefix)) {
        execution = Optional.of(HistoryItems.execution(item));
      } else if (sk.equals(HistoryKeys.releaseLinkSk(executionId))) {
        release = Optional.of(HistoryItems.release(item));
      } else if (sk.equals(HistoryKeys.promotionLinkSk(executionId))) {
        promotion = Optional.of(PromotionItems.link(item));
      } else if (sk.startsWith(prefix + "#STAGE#")) {
        stages.add(HistoryItems.stage(item));
      } else if (sk.startsWith(prefix + "#ACTION#")) {
        actions.add(HistoryItems.action(item));
      }
    }
    if (execution.isEmpty() && stages.isEmpty() && actions.isEmpty() && release.isEmpty() && promotion.isEmpty()) {
      return Optional.empty();
    }
    stages.sort(Comparator.comparing((StageRecord s) -> s.firstSeen().orElse(Instant.MAX))
        .thenComparing(StageRecord::stage));
    actions.sort(Comparator.comparing((ActionRecord a) -> a.firstSeen().orElse(Instant.MAX))
        .thenComparing(ActionRecord::stage).thenComparing(ActionRecord::action));
    return Optional.of(new ExecutionDetail(pipeline, executionId, execution, stages, actions, release,
        promotion));
  }

  /** Finds an execution by id alone, looking in every known pipeline's partition. */
  public Optional<ExecutionDetail> find(String executionId) {
    for (String p : pipelines()) {
      Optional<ExecutionDetail> d = detail(p, executionId);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  /** When release-trigger released the upload that started each execution, for those an upload started. */
  @Override
  public Map<String, Instant> releasedAt(String pipeline, Collection<String> executionIds) {
    Map<String, Instant> out = new HashMap<>();
    links(pipeline, executionIds, HistoryKeys::releaseLinkSk, "executionId, requestedAt", item ->
        Attr.instant(item, "requestedAt").ifPresent(t -> out.put(Attr.req(item, "executionId"), t)));
    return out;
  }

  /**
   * For the executions a promotion started: the change their chain delivers (the commit or S3 upload that started
   * its first pipeline), by execution id.
   */
  @Override
  public Map<String, ChangeOrigin> promotedFrom(String pipeline, Collection<String> executionIds) {
    Map<String, ChangeOrigin> out = new HashMap<>();
    links(pipeline, executionIds, HistoryKeys::promotionLinkSk, "executionId, changeKind, changeAt, changeRef",
        item -> out.put(Attr.req(item, "executionId"), PromotionItems.origin(item)));
    return out;
  }

  /** Reads one link item per execution ({@code BatchGetItem}, 100 keys at a time, unprocessed keys asked again). */
  private void links(String pipeline, Collection<String> executionIds, Function<String, String> sk, String projection,
                     Consumer<Map<String, AttributeValue>> each) {
    List<String> ids = List.copyOf(executionIds);
    for (int i = 0; i < ids.size(); i += 100) {
      List<Map<String, AttributeValue>> keys = ids.subList(i, Math.min(ids.size(), i + 100)).stream()
          .map(id -> Map.of(BatonTable.PK, Attr.s(HistoryKeys.pipelinePk(pipeline)),
              BatonTable.SK, Attr.s(sk.apply(id)))).toList();
      Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
          .projectionExpression(projection).build());
      while (!request.isEmpty()) {
        requests.incrementAndGet();
        Map<String, KeysAndAttributes> current = request;
        BatchGetItemResponse r = dynamo.batchGetItem(b -> b.requestItems(current));
        r.responses().getOrDefault(table, List.of()).forEach(each);
        request = r.hasUnprocessedKeys() ? r.unprocessedKeys() : Map.of();
      }
    }
  }

  private List<Map<String, AttributeValue>> query(QueryRequest first, int limit) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    QueryRequest request = first;
    while (true) {
      requests.incrementAndGet();
      QueryResponse response = dynamo.query(request);
      out.addAll(response.items());
      if (out.size() >= limit || !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return out.size() > limit ? out.subList(0, limit) : out;
      }
      request = request.toBuilder().exclusiveStartKey(new LinkedHashMap<>(response.lastEvaluatedKey())).build();
    }
  }

  private static Comparator<ExecutionRecord> newestFirst() {
    return Comparator.comparing((ExecutionRecord e) -> e.startTime().orElse(Instant.EPOCH)).reversed()
        .thenComparing(ExecutionRecord::executionId);
  }
}
