package dev.baton.functions.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.aws.priming.PrimingRun;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.release.ReleaseRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The release trigger's priming takes every branch of the handler's dispatch ({@link ReleaseWiring#answer}), each
 * with the calls that branch makes on a real first event (derived from the code, not from what priming did):
 * with the repository's rules and promotions ({@code payments-to-prod} takes any execution of payments-staging,
 * {@code payments-to-staging} only a {@code service-releases} release of payments-deploy) and no freeze window.
 */
class ReleasePrimingTest {
  /** ReleaseTrigger.handle: freezes (ad-hoc Query), claim (conditional PutItem), start, record (link PutItem,
   * UpdateItem), "Baton Release Started". */
  private static final Set<String> UPLOAD = Set.of("dynamodb:Query", "dynamodb:PutItem",
      "codepipeline:StartPipelineExecution", "dynamodb:UpdateItem", "events:PutEvents");

  @Test
  void givenTheRepositorysConfig_thenEachEventShapeIsPrimedWithTheCallsItsPathMakes() {
    ReleaseRules rules = ReleaseRulesSource.load();
    PrimingRun run = ReleasePriming.prime("baton", rules, PromotionsSource.load(rules), FreezeCalendar.of(List.of()));

    Map<String, Set<String>> expected = new LinkedHashMap<>();
    expected.put("upload (EventBridge Object Created)", UPLOAD);
    expected.put("upload (S3 notification)", UPLOAD);
    // Promoter.handle: the execution's items (Query: none), GetPipelineExecution for its revision, then as an
    // upload: the target's freezes, the claim, the start, the link and the record, "Baton Promotion Started".
    expected.put("promotion (revision from GetPipelineExecution)", Set.of("dynamodb:Query",
        "codepipeline:GetPipelineExecution", "dynamodb:PutItem", "codepipeline:StartPipelineExecution",
        "dynamodb:UpdateItem", "events:PutEvents"));
    // The release link found by the Query: no CodePipeline look-up.
    expected.put("promotion (revision from Baton's release record)", UPLOAD);
    expected.put("execution event no promotion takes", Set.of());
    // releaseHeld and promoteHeld: one Query of the waiting list each, nothing waiting.
    expected.put("held-release sweep (schedule)", Set.of("dynamodb:Query"));
    assertEquals(Map.of(), run.failures());
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(run.paths().entrySet()), "each path, in order");
  }
}
