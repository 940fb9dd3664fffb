package dev.baton.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.config.ConfigException;
import dev.baton.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseRulesTest {
  private static ReleaseRules rules(String json) {
    return ReleaseRules.parse("rules.json", Json.parseObject(json));
  }

  private static S3Object object(String key, Optional<String> version) {
    return new S3Object("acme-releases", key, version, "etag1", "seq1", 77, "PutObject");
  }

  @Test
  void givenTheShippedConfig_thenItIsValid() throws IOException {
    Path shipped = Path.of(System.getProperty("baton.root", "../..")).resolve("config/release-rules.json");
    try (InputStream in = Files.newInputStream(shipped)) {
      assertTrue(ReleaseRules.parse(shipped.toString(), in).rules().size() >= 1);
    }
  }

  @Test
  void givenAMatchingUpload_thenThePlanRendersPipelineVariablesAndPinsTheVersion() throws Exception {
    ReleaseRules r = rules("""
        {"rules": [{"name": "svc", "key": "releases/{app}/{version}/*.zip", "pipeline": "{app}-deploy",
          "variables": {"VERSION": "{version}", "OBJ": "{object.bucket}/{object.key}@{object.versionId}",
                        "SIZE": "{object.size}", "FILE": "{object.fileName}", "LIT": "{{not a placeholder}}"},
          "sourceAction": "Source"}]}""");

    ReleasePlan plan = r.plan(object("releases/payments/1.4.2/p.zip", Optional.of("v9"))).orElseThrow();

    assertEquals("svc", plan.rule());
    assertEquals("payments-deploy", plan.pipeline());
    assertEquals(Map.of("VERSION", "1.4.2", "OBJ", "acme-releases/releases/payments/1.4.2/p.zip@v9", "SIZE", "77",
        "FILE", "p.zip", "LIT", "{not a placeholder}"), plan.variables());
    assertEquals(Optional.of(new SourceRevision("Source", SourceRevision.Type.S3_OBJECT_VERSION_ID, "v9")),
        plan.sourceRevision());
    assertEquals(List.of(new SourceRevision("Source", SourceRevision.Type.S3_OBJECT_KEY, "releases/payments/1.4.2/p.zip"),
            new SourceRevision("Source", SourceRevision.Type.S3_OBJECT_VERSION_ID, "v9")), plan.sourceRevisions(),
        "the key is pinned too: a version id alone would be looked up under the source action's configured key");
    assertTrue(plan.clientRequestToken().matches("[a-zA-Z0-9-]{1,128}"), plan.clientRequestToken());
  }

  @Test
  void givenAnUnversionedBucket_thenTheSourceIsPinnedByKey_andTheTokenDependsOnEtagAndSequencer() throws Exception {
    ReleaseRules r = rules("""
        {"rules": [{"name": "site", "key": "site/**", "pipeline": "site", "sourceAction": "Source"}]}""");
    S3Object first = object("site/a.tgz", Optional.empty());
    S3Object reupload = new S3Object("acme-releases", "site/a.tgz", Optional.empty(), "etag1", "seq2", 77, "");

    ReleasePlan plan = r.plan(first).orElseThrow();

    assertEquals(Optional.of(new SourceRevision("Source", SourceRevision.Type.S3_OBJECT_KEY, "site/a.tgz")),
        plan.sourceRevision());
    assertEquals(List.of(new SourceRevision("Source", SourceRevision.Type.S3_OBJECT_KEY, "site/a.tgz")),
        plan.sourceRevisions());
    assertTrue(!plan.clientRequestToken().equals(r.plan(reupload).orElseThrow().clientRequestToken()),
        "the same bytes uploaded again are a new release");
  }

  @Test
  void givenSeveralRules_thenTheFirstMatchWins_andBucketFiltersApply() throws Exception {
    ReleaseRules r = rules("""
        {"rules": [
          {"name": "other-bucket", "bucket": "elsewhere", "key": "**", "pipeline": "never"},
          {"name": "specific", "key": "releases/payments/{v}/*.zip", "pipeline": "payments-special"},
          {"name": "general", "key": "releases/{app}/{v}/*.zip", "pipeline": "{app}-deploy"}]}""");

    assertEquals("payments-special", r.plan(object("releases/payments/1/p.zip", Optional.empty())).orElseThrow()
        .pipeline());
    assertEquals("web-deploy", r.plan(object("releases/web/1/w.zip", Optional.empty())).orElseThrow().pipeline());
    assertEquals(Optional.empty(), r.plan(object("scratch/x.txt", Optional.empty())));
  }

  @Test
  void givenARenderedPipelineNameThatCodePipelineWouldRefuse_thenTheReleaseIsRejectedWithTheReason() {
    ReleaseRules r = rules("""
        {"rules": [{"name": "svc", "key": "releases/{app}/*.zip", "pipeline": "{app}-deploy",
                    "variables": {"V": "{object.versionId}"}}]}""");

    ReleaseRejectedException e = assertThrows(ReleaseRejectedException.class,
        () -> r.plan(object("releases/my app/x.zip", Optional.empty())));

    assertTrue(e.getMessage().contains("\"my app-deploy\"") && e.getMessage().contains("not a valid CodePipeline"),
        e.getMessage());
    assertTrue(e.getMessage().contains("variable V") && e.getMessage().contains("not versioned"), e.getMessage());
    assertEquals("svc", e.plan().rule());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "{\"rules\": [{\"name\": \"a\", \"key\": \"x/{app}\", \"pipeline\": \"{ap}-deploy\"}]}"
          + " | release rule \"a\" (rules[0]), field \"pipeline\": unknown placeholder {ap}",
      "{\"rules\": [{\"name\": \"a\", \"key\": \"x/{app\", \"pipeline\": \"p\"}]}"
          + " | release rule \"a\" (rules[0]), field \"key\": '{' at position 2 is never closed",
      "{\"rules\": [{\"name\": \"a\", \"key\": \"x\", \"pipline\": \"p\"}]}"
          + " | release rule \"a\" has an unknown field \"pipline\"",
      "{\"rules\": [{\"name\": \"a\", \"key\": \"x\"}]}"
          + " | release rule \"a\" (rules[0]), field \"pipeline\": missing",
      "{\"rules\": [{\"key\": \"x\", \"pipeline\": \"p\"}]}"
          + " | rules[0], field \"name\": missing",
      "{\"rules\": [{\"name\": \"a\", \"key\": \"x\", \"pipeline\": \"p\", \"variables\": {\"BAD NAME\": \"v\"}}]}"
          + " | field \"variables\": \"BAD NAME\" is not a valid pipeline variable name",
      "{\"rules\": [{\"name\": \"a\", \"key\": \"x\", \"pipeline\": \"p\", \"variables\": {\"V\": true}}]}"
          + " | field \"variables.V\": expected a string, found a boolean",
      "{\"rules\": [{\"name\": \"a\", \"key\": \"x\", \"pipeline\": \"p\", \"variables\": {\"V\": 7}}]}"
          + " | field \"variables.V\": expected a string, found a number",
      "{\"rules\": [{\"name\": 5, \"key\": \"x\", \"pipeline\": \"p\"}]}"
          + " | rules[0], field \"name\": expected a string, found a number",
      "{\"rules\": [{\"name\": \"a\", \"bucket\": 5, \"key\": \"x\", \"pipeline\": \"p\"}]}"
          + " | release rule \"a\" (rules[0]), field \"bucket\": expected a string, found a number",
      "{\"rules\": [{\"name\": \"a\", \"key\": [\"x\"], \"pipeline\": \"p\"}]}"
          + " | release rule \"a\" (rules[0]), field \"key\": expected a string, found an array",
      "{\"rules\": [{\"name\": \"a\", \"key\": \"x\", \"pipeline\": \"p\"}, {\"name\": \"a\", \"key\": \"y\", \"pipeline\": \"q\"}]}"
          + " | rules[1]: the name \"a\" is used twice",
      "{\"rules\": {\"name\": \"a\"}}"
          + " | $.rules: expected an array",
      "{\"rulez\": []}"
          + " | the top level has an unknown field \"rulez\"",
      "{\"rules\": [{\"name\": \"a\", \"key\": \"x\", \"pipeline\": \"p\", \"sourceAction\": \" \"}]}"
          + " | field \"sourceAction\": must name the pipeline's source action",
  })
  void givenInvalidConfig_thenLoadingFailsNamingTheRuleAndField(String json, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> rules(json));

    assertTrue(e.getMessage().startsWith("rules.json: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected.trim()), e.getMessage());
  }

  @Test
  void givenBrokenJson_thenTheFileIsNamed() {
    ConfigException e = assertThrows(ConfigException.class, () -> ReleaseRules.parse("config/release-rules.json",
        new java.io.ByteArrayInputStream("{\"rules\": [".getBytes())));
    assertTrue(e.getMessage().startsWith("config/release-rules.json: not valid JSON"), e.getMessage());
  }
}
