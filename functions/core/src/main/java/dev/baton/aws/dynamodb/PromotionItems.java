package dev.baton.aws.dynamodb;

import static dev.baton.aws.dynamodb.Attr.s;

import dev.baton.core.history.ChangeOrigin;
import dev.baton.core.history.PromotionLink;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The attributes a promotion record and its link item share: the pinned revisions and the chain's change. */
final class PromotionItems {
  private PromotionItems() {}

  static AttributeValue strings(List<String> values) {
    return AttributeValue.fromL(values.stream().map(Attr::s).toList());
  }

  static List<String> strings(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
  }

  static void putOrigin(Map<String, AttributeValue> item, ChangeOrigin origin) {
    item.put("changeKind", s(origin.kind().name()));
    item.put("changeAt", s(origin.at().toString()));
    item.put("changeRef", s(origin.ref()));
  }

  static ChangeOrigin origin(Map<String, AttributeValue> item) {
    return new ChangeOrigin(ChangeOrigin.Kind.valueOf(Attr.req(item, "changeKind").toUpperCase(Locale.ROOT)),
        Instant.parse(Attr.req(item, "changeAt")), Attr.req(item, "changeRef"));
  }

  static PromotionLink link(Map<String, AttributeValue> item) {
    return new PromotionLink(Attr.req(item, "sourcePipeline"), Attr.req(item, "sourceExecutionId"),
        Attr.req(item, "rule"), Attr.instant(item, "requestedAt").orElse(Instant.EPOCH), strings(item, "revisions"),
        Attr.map(item, "variables"), Attr.str(item, "branch"), origin(item));
  }

  static Optional<AttributeValue> optional(Optional<String> value) {
    return value.filter(v -> !v.isEmpty()).map(Attr::s);
  }
}
