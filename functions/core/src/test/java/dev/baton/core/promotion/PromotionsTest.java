package dev.baton.core.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.config.ConfigException;
import dev.baton.core.history.ChangeOrigin;
import dev.baton.core.json.Json;
import dev.baton.core.release.SourceRevision;
import dev.baton.local.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The promotions file: what it accepts, the errors it names, the cycles it refuses and the plans it makes. */
class PromotionsTest {
  private static final ChangeOrigin UPLOAD = new ChangeOrigin(ChangeOrigin.Kind.UPLOAD,
      Instant.parse("2026-11-24T09:00:00Z"), "s3://acme-releases/releases/payments/1.4.2/payments-1.4.2.zip");

  private static Promotions parse(String json) {
    return Promotions.parse("config/promotions.json", Json.parseObject(json));
  }

  private static String refusal(String json) {
    return assertThrows(ConfigException.class, () -> parse(json)).getMessage();
  }

  private static SourceExecution released(String pipeline, Optional<String> rule, Optional<String> branch) {
    return new SourceExecution(pipeline, "exec-1", Instant.parse("2026-11-24T09:20:00Z"), rule, Optional.empty(),
        branch, List.of(new SourceArtifact(Optional.empty(), SourceRevision.Type.S3_OBJECT_VERSION_ID, "v-42",
            Optional.of("releases/payments/1.4.2/payments-1.4.2.zip"))), Map.of("VERSION", "1.4.2"), UPLOAD);
  }

  @Test
  void givenTheShippedFile_thenItIsAValidChainReleaseToStagingToProd() throws IOException {
    Promotions p = Promotions.parse("config/promotions.json",
        Files.newInputStream(Repo.root().resolve("config/promotions.json")));

    assertEquals(List.of("payments-to-staging", "payments-to-prod"), p.rules().stream().map(PromotionRule::name)
        .toList());
    assertEquals(List.of("payments-staging"), p.of(released("payments-deploy", Optional.of("service-releases"),
        Optional.empty())).stream().map(PromotionRule::to).toList());
  }

  @Test
  void givenFilters_thenOnlyExecutionsReleasedByTheRuleOrOfTheBranchArePromoted() {
    Promotions p = parse("""
        {"promotions": [
          {"name": "released", "from": "payments-*", "releasedBy": "service-releases", "to": "payments-staging",
           "sourceAction": "Source"},
          {"name": "main-only", "from": "*-build", "branch": "main", "to": "payments-canary",
           "sourceAction": "Source"}]}""");

    assertEquals(List.of("payments-staging"), targets(p, released("payments-deploy",
        Optional.of("service-releases"), Optional.of("feature/x"))));
    assertEquals(List.of("payments-canary"), targets(p, released("payments-build", Optional.empty(),
        Optional.of("main"))));
    assertEquals(List.of(), targets(p, released("payments-build", Optional.of("other-rule"), Optional.empty())));
    assertEquals(List.of(), targets(p, released("ledger-deploy", Optional.of("service-releases"),
        Optional.of("main"))));
  }

  @Test
  void givenTwoPromotionsToOneTarget_thenTheFirstInFileOrderPromotesOnce() {
    Promotions p = parse("""
        {"promotions": [
          {"name": "first", "from": "payments-deploy", "to": "payments-staging", "sourceAction": "Source"},
          {"name": "second", "from": "payments-d*", "to": "payments-staging", "sourceAction": "Source"}]}""");

    assertEquals(List.of("first"), p.of(released("payments-deploy", Optional.empty(), Optional.empty())).stream()
        .map(PromotionRule::name).toList());
  }

  @Test
  void givenAReleasedSource_thenThePlanPinsItsKeyAndVersion_andRendersCarriesAndRenamesVariables()
      throws PromotionRejectedException {
    PromotionRule rule = parse("""
        {"promotions": [{"name": "to-staging", "from": "payments-deploy", "to": "payments-staging",
          "sourceAction": "Artifact", "carryVariables": true,
          "variables": {"RELEASE": "{variables.VERSION}", "FROM": "{source.pipeline}/{source.executionId}",
                        "REVISION": "{source.revision}"}}]}""").rules().getFirst();

    PromotionPlan plan = rule.plan(released("payments-deploy", Optional.empty(), Optional.empty()));

    assertEquals(List.of(
        new SourceRevision("Artifact", SourceRevision.Type.S3_OBJECT_KEY, "releases/payments/1.4.2/payments-1.4.2.zip"),
        new SourceRevision("Artifact", SourceRevision.Type.S3_OBJECT_VERSION_ID, "v-42")), plan.sourceRevisions());
    assertEquals(List.of("VERSION", "FROM", "RELEASE", "REVISION"), List.copyOf(plan.variables().keySet()),
        "the carried variables by name, then the rule's by name");
    assertEquals(Map.of("VERSION", "1.4.2", "RELEASE", "1.4.2", "FROM", "payments-deploy/exec-1", "REVISION", "v-42"),
        plan.variables());
    assertEquals(new PromotionKey("payments-deploy", "exec-1", "payments-staging"), plan.key());
    assertEquals(plan.key().clientRequestToken(), plan.clientRequestToken());
    assertTrue(plan.clientRequestToken().matches("baton-[0-9a-f]{48}"), plan.clientRequestToken());
    assertEquals(UPLOAD, plan.origin(), "the chain's change travels with the plan");
  }

  @Test
  void givenACommitSourceWithSeveralArtifacts_thenTheNamedOneIsPinnedByCommit_andWithoutANameItIsRefused()
      throws PromotionRejectedException {
    SourceExecution source = new SourceExecution("build", "exec-9", Instant.EPOCH, Optional.empty(),
        Optional.empty(), Optional.empty(), List.of(
            new SourceArtifact(Optional.of("App"), SourceRevision.Type.COMMIT_ID, "0f1e2d3c", Optional.empty()),
            new SourceArtifact(Optional.of("Config"), SourceRevision.Type.S3_OBJECT_VERSION_ID, "v-1",
                Optional.empty())), Map.of(), UPLOAD);
    String rules = """
        {"promotions": [{"name": "build-to-test", "from": "build", "to": "test", "sourceAction": "Source"%s}]}""";

    PromotionPlan plan = parse(rules.formatted(", \"artifact\": \"App\"")).rules().getFirst().plan(source);
    PromotionRejectedException refused = assertThrows(PromotionRejectedException.class,
        () -> parse(rules.formatted("")).rules().getFirst().plan(source));

    assertEquals(List.of(new SourceRevision("Source", SourceRevision.Type.COMMIT_ID, "0f1e2d3c")),
        plan.sourceRevisions());
    assertEquals("promotion \"build-to-test\": the source execution has 2 artifact revisions [App, Config]; name "
        + "the one to promote with \"artifact\"", refused.getMessage());
  }

  @Test
  void givenAVariableTheSourceDoesNotHave_thenThePlanIsRefusedWithTheReason() {
    PromotionRule rule = parse("""
        {"promotions": [{"name": "p", "from": "payments-deploy", "to": "payments-staging", "sourceAction": "Source",
          "variables": {"BUILD": "{variables.BUILD_ID}"}}]}""").rules().getFirst();

    PromotionRejectedException e = assertThrows(PromotionRejectedException.class,
        () -> rule.plan(released("payments-deploy", Optional.empty(), Optional.empty())));

    assertEquals("promotion \"p\": variable BUILD (\"{variables.BUILD_ID}\") is empty for this execution",
        e.getMessage());
    assertEquals("payments-staging", e.plan().target(), "the failure is recorded against its promotion");
  }

  @Test
  void givenMistakes_thenEachIsRefusedNamingThePromotionAndField() {
    assertEquals("config/promotions.json: promotion \"p\" has an unknown field \"target\"; allowed: [artifact, "
        + "branch, carryVariables, description, from, name, releasedBy, sourceAction, to, variables]",
        refusal("{\"promotions\": [{\"name\": \"p\", \"from\": \"a\", \"target\": \"b\"}]}"));
    assertEquals("config/promotions.json: promotion \"p\" (promotions[0]), field \"to\": \"b-*\" is not a pipeline "
        + "name ([A-Za-z0-9.@-_], 1-100 characters; no patterns: a promotion starts one pipeline)",
        refusal("{\"promotions\": [{\"name\": \"p\", \"from\": \"a\", \"to\": \"b-*\", \"sourceAction\": \"S\"}]}"));
    assertEquals("config/promotions.json: promotion \"p\" (promotions[0]), field \"sourceAction\": missing: name "
        + "the target's source action, which is pinned to the source execution's revision",
        refusal("{\"promotions\": [{\"name\": \"p\", \"from\": \"a\", \"to\": \"b\"}]}"));
    assertTrue(refusal("""
        {"promotions": [{"name": "p", "from": "a", "to": "b", "sourceAction": "S",
          "variables": {"V": "{object.key}"}}]}""").startsWith("config/promotions.json: promotion \"p\" "
        + "(promotions[0]), field \"variables.V\": unknown placeholder {object.key}; this rule has "
        + "{source.pipeline}, {source.executionId}, {source.revision} and {variables.<source variable>}"));
    assertEquals("config/promotions.json: promotions[1]: the name \"p\" is used twice", refusal("""
        {"promotions": [{"name": "p", "from": "a", "to": "b", "sourceAction": "S"},
                        {"name": "p", "from": "c", "to": "d", "sourceAction": "S"}]}"""));
    assertEquals("config/promotions.json: promotion \"p\" (promotions[0]), field \"branch\": must not be blank "
        + "(leave it out instead)", refusal("""
        {"promotions": [{"name": "p", "from": "a", "to": "b", "sourceAction": "S", "branch": " "}]}"""));
  }

  @Test
  void givenADirectCycle_thenRefusedNamingTheChain() {
    assertEquals("config/promotions.json: the promotions form a cycle: app-staging -> app-prod -> app-staging "
        + "(promotions \"up\" -> \"down\"); each execution would start the next pipeline forever, so a chain must end",
        refusal("""
            {"promotions": [{"name": "up", "from": "app-staging", "to": "app-prod", "sourceAction": "S"},
                            {"name": "down", "from": "app-prod", "to": "app-staging", "sourceAction": "S"}]}"""));
  }

  @Test
  void givenALongerCycleThroughPatterns_thenRefusedNamingEveryPipelineOfTheChain() {
    String message = refusal("""
        {"promotions": [{"name": "a", "from": "app-build", "to": "app-staging", "sourceAction": "S"},
                        {"name": "b", "from": "*-staging", "to": "app-prod", "sourceAction": "S"},
                        {"name": "c", "from": "app-p*", "to": "app-build", "sourceAction": "S"}]}""");

    assertTrue(message.contains("the promotions form a cycle: app-build -> app-staging -> app-prod -> app-build "
        + "(promotions \"a\" -> \"b\" -> \"c\")"), message);
  }

  @Test
  void givenAPatternThatTakesItsOwnTarget_thenRefusedAsACycleOfOne() {
    assertTrue(refusal("""
        {"promotions": [{"name": "self", "from": "app-*", "to": "app-prod", "sourceAction": "S"}]}""")
        .contains("cycle: app-prod -> app-prod (promotions \"self\")"));
  }

  @Test
  void givenAChainBackToAPromotionOnlyForReleases_thenNoCycle_becauseAPromotedExecutionIsNoRelease() {
    Promotions p = parse("""
        {"promotions": [{"name": "a", "from": "app-deploy", "releasedBy": "svc", "to": "app-prod",
                         "sourceAction": "S"},
                        {"name": "b", "from": "app-prod", "to": "app-deploy", "sourceAction": "S"}]}""");

    assertEquals(2, p.rules().size());
  }

  private static List<String> targets(Promotions p, SourceExecution s) {
    return p.of(s).stream().map(PromotionRule::to).toList();
  }
}
