package dev.baton.core.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.config.ConfigException;
import dev.baton.core.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Cycle detection against a brute-force oracle: for random promotion graphs over a few pipelines (literal names and
 * patterns), the file is refused exactly when some pipeline can reach itself, and the chain the refusal names is a
 * real cycle: each step is a promotion of the file.
 */
class PromotionCyclesPropertyTest {
  private static final List<String> PIPELINES = List.of("app-build", "app-test", "app-staging", "app-prod", "web-prod");
  private static final List<String> SOURCES = List.of("app-build", "app-test", "app-staging", "app-prod", "web-prod",
      "app-*", "*-prod", "*-staging");
  private static final Pattern CHAIN = Pattern.compile("cycle: ([^(]+) \\(");

  /** One promotion: a source (name or pattern) and a target (a name). */
  record Edge(String from, String to) {}

  @Provide
  Arbitrary<List<Edge>> graphs() {
    Arbitrary<Edge> edge = Arbitraries.of(SOURCES).flatMap(from -> Arbitraries.of(PIPELINES).map(to -> new Edge(from, to)));
    return edge.list().ofMinSize(0).ofMaxSize(6);
  }

  @Property(tries = 400)
  void refusedExactlyWhenAChainComesBack_andTheNamedChainIsOne(@ForAll("graphs") List<Edge> edges) {
    StringBuilder json = new StringBuilder("{\"promotions\": [");
    for (int i = 0; i < edges.size(); i++) {
      json.append(i == 0 ? "" : ",").append("{\"name\": \"p").append(i).append("\", \"from\": \"")
          .append(edges.get(i).from()).append("\", \"to\": \"").append(edges.get(i).to())
          .append("\", \"sourceAction\": \"Source\"}");
    }
    json.append("]}");
    String refusal = null;
    try {
      Promotions.parse("test", Json.parseObject(json.toString()));
    } catch (ConfigException e) {
      refusal = e.getMessage();
    }

    assertEquals(hasCycle(edges), refusal != null, () -> edges + " -> " + json);
    if (refusal != null) {
      Matcher m = CHAIN.matcher(refusal);
      assertTrue(m.find(), refusal);
      List<String> chain = Arrays.asList(m.group(1).strip().split(" -> "));
      assertEquals(chain.getFirst(), chain.getLast(), refusal);
      for (int i = 0; i + 1 < chain.size(); i++) {
        String from = chain.get(i);
        String to = chain.get(i + 1);
        assertTrue(edges.stream().anyMatch(e -> matches(e.from(), from) && e.to().equals(to)),
            () -> from + " -> " + to + " is no promotion of " + edges);
      }
    }
  }

  /** The oracle: some pipeline reaches itself through one or more promotions (transitive closure). */
  private static boolean hasCycle(List<Edge> edges) {
    int n = PIPELINES.size();
    boolean[][] reach = new boolean[n][n];
    for (Edge e : edges) {
      for (int i = 0; i < n; i++) {
        if (matches(e.from(), PIPELINES.get(i))) {
          reach[i][PIPELINES.indexOf(e.to())] = true;
        }
      }
    }
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          reach[i][j] |= reach[i][k] && reach[k][j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (reach[i][i]) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String pattern, String name) {
    return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q")).matcher(name).matches();
  }

}
