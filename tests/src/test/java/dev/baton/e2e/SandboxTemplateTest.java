package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.alerts.AlertKind;
import dev.baton.core.alerts.AlertRouting;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.release.ReleasePlan;
import dev.baton.core.release.ReleaseRules;
import dev.baton.core.release.S3Object;
import dev.baton.local.Repo;
import dev.baton.local.SamTemplate;
import dev.baton.local.SandboxRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * examples/sandbox-pipeline/template.yaml under the structural checks of Baton's own template (least-privilege
 * statements, references to things that exist, described and constrained parameters), and checked against Baton: its
 * pipeline is the V2 pipeline its README documents, reading Baton's release bucket, notifying Baton's approval topic,
 * with a build that fails exactly on "fail"; and the upload keys its README documents are taken by Baton's shipped
 * release rule, start this pipeline with variables it declares, and are readable by its role.
 */
class SandboxTemplateTest {
  private static final Path DIR = Repo.root().resolve("examples/sandbox-pipeline");
  private static final SamTemplate TEMPLATE = SamTemplate.load(DIR.resolve("template.yaml"));
  /** Baton's outputs, as the README passes them. */
  private static final Map<String, String> BATON = Map.of("ReleaseBucketName", "baton-releasebucket-k3v9x2m7q1zd",
      "ApprovalTopicArn", "arn:aws:sns:eu-west-1:123456789012:baton-ApprovalTopic-1X2Y3Z4W5V6U");
  private static final Pattern UPLOAD = Pattern.compile("aws s3 cp \\S+ s3://\\$RELEASE_BUCKET/(\\S+)");

  // ------------------------------------------------------------------ structure, as TemplateTest checks Baton's

  @Test
  void givenEveryPolicyStatement_thenItNamesActionsWithoutWildcardsAndNoResourceStar() {
    List<String> problems = new ArrayList<>();
    int statements = 0;
    for (var r : TEMPLATE.resources().entrySet()) {
      List<Map<?, ?>> found = new ArrayList<>();
      SamTemplate.walk(r.getValue(), n -> {
        if (n instanceof Map<?, ?> m && m.containsKey("Effect") && m.containsKey("Action")) {
          found.add(m);
        }
      });
      for (Map<?, ?> m : found) {
        Object actions = m.get("Action");
        for (Object a : actions instanceof List<?> l ? l : List.of(actions)) {
          if (String.valueOf(a).contains("*")) {
            problems.add(r.getKey() + ": wildcard action " + a);
          }
        }
        if ("*".equals(m.get("Resource")) || m.containsKey("NotAction") || m.containsKey("NotResource")) {
          problems.add(r.getKey() + ": statement not scoped " + m);
        }
      }
      statements += found.size();
    }
    assertEquals(List.of(), problems);
    assertTrue(statements >= 14, "the roles' and buckets' statements were found: " + statements);
  }

  @Test
  void givenEveryRefGetAttAndSubVariable_thenItsTargetExists() {
    Set<String> known = new HashSet<>(TEMPLATE.resources().keySet());
    known.addAll(TEMPLATE.parameters().keySet());
    Pattern variable = Pattern.compile("\\$\\{([^!}][^}]*)}");
    List<String> problems = new ArrayList<>();
    SamTemplate.walk(TEMPLATE.root(), node -> {
      if (!(node instanceof Map<?, ?> m)) {
        return;
      }
      if (m.get("Ref") instanceof String ref && !ref.startsWith("AWS::") && !known.contains(ref)) {
        problems.add("!Ref " + ref);
      }
      if (m.get("Fn::GetAtt") instanceof List<?> att && !known.contains(String.valueOf(att.get(0)))) {
        problems.add("!GetAtt " + att);
      }
      if (m.get("Fn::Sub") instanceof String text) {
        Matcher v = variable.matcher(text);
        while (v.find()) {
          String name = v.group(1).split("\\.")[0];
          if (!v.group(1).startsWith("AWS::") && !known.contains(name)) {
            problems.add("!Sub ${" + v.group(1) + "}");
          }
        }
      }
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void givenEveryParameter_thenItIsDescribedAndConstrained_andBatonsOutputsMustBeGiven() {
    TEMPLATE.parameters().forEach((name, p) -> {
      Map<String, Object> param = SamTemplate.asMap(p);
      assertTrue(param.get("Description") instanceof String d && d.length() > 10, name + " needs a Description");
      assertTrue(param.containsKey("AllowedPattern") || param.containsKey("AllowedValues"),
          name + " needs AllowedPattern or AllowedValues");
    });
    for (String name : BATON.keySet()) {
      Map<String, Object> param = SamTemplate.asMap(TEMPLATE.parameters().get(name));
      assertFalse(param.containsKey("Default"), name + " comes from Baton's stack; no default to forget");
      assertTrue(BATON.get(name).matches((String) param.get("AllowedPattern")), name);
    }
  }

  @Test
  void givenTheBucketsAndTheLogGroup_thenEncryptedPrivateAndKeptForALimitedTime() {
    List<String> buckets = ids("AWS::S3::Bucket");
    assertEquals(List.of("ArtifactBucket", "DeployBucket"), buckets);
    for (String id : buckets) {
      Map<String, Object> props = properties(id);
      assertTrue(props.containsKey("BucketEncryption"), id);
      assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
          "RestrictPublicBuckets", true), props.get("PublicAccessBlockConfiguration"), id);
      assertTrue(String.valueOf(props.get("LifecycleConfiguration")).contains("ExpirationInDays"), id);
    }
    assertTrue(properties("BuildLogGroup").get("RetentionInDays") instanceof Integer days && days <= 30);
    assertEquals(Map.of("Ref", "BuildLogGroup"), SamTemplate.asMap(SamTemplate.asMap(
        properties("BuildProject").get("LogsConfig")).get("CloudWatchLogs")).get("GroupName"));
  }

  // ------------------------------------------------------------------ the pipeline, wired to Baton

  @Test
  void givenThePipeline_thenV2Queued_andItsSourceIsBatonsReleaseBucketStartedOnlyByBaton() {
    Map<String, Object> pipeline = properties("Pipeline");
    Map<String, Object> source = action("Source", "Source");
    Map<String, Object> config = SamTemplate.asMap(source.get("Configuration"));

    assertEquals("V2", pipeline.get("PipelineType"));
    assertEquals("QUEUED", pipeline.get("ExecutionMode"));
    assertEquals(Map.of("Category", "Source", "Owner", "AWS", "Provider", "S3", "Version", "1"),
        source.get("ActionTypeId"));
    assertEquals(Map.of("Ref", "ReleaseBucketName"), config.get("S3Bucket"));
    assertEquals("false", config.get("PollForSourceChanges"));
    assertEquals("true", config.get("AllowOverrideForS3ObjectKey"), "Baton pins the uploaded key");
    assertEquals(SandboxRun.PIPELINE, TEMPLATE.resolve(pipeline.get("Name"), BATON));
  }

  @Test
  void givenTheApprovalAction_thenItNotifiesBatonsApprovalTopic_whichThePipelineMayPublishTo_andARouteCoversIt()
      throws IOException {
    Map<String, Object> gate = action("Approve", "SandboxGate");

    assertEquals(Map.of("Category", "Approval", "Owner", "AWS", "Provider", "Manual", "Version", "1"),
        gate.get("ActionTypeId"));
    assertEquals(Map.of("Ref", "ApprovalTopicArn"),
        SamTemplate.asMap(gate.get("Configuration")).get("NotificationArn"));
    assertTrue(statements("PipelineRole").stream().anyMatch(s -> "sns:Publish".equals(s.get("Action"))
        && Map.of("Ref", "ApprovalTopicArn").equals(s.get("Resource"))));
    try (InputStream in = Files.newInputStream(Repo.root().resolve("config/approvals.json"))) {
      assertTrue(ApprovalRoutes.parse("config/approvals.json", in).route(SandboxRun.PIPELINE, "Approve", "SandboxGate")
          .isPresent(), "config/approvals.json routes the sandbox's approval to a channel");
    }
  }

  @Test
  void givenTheBuildspec_thenTheBuildFailsExactlyWhenTheUploadedFileNameContainsFail(@TempDir Path work)
      throws Exception {
    Map<String, Object> build = action("Build", "Build");
    List<JsonObject> env = Json.parseObject("{\"variables\": " + SamTemplate.asMap(build.get("Configuration"))
        .get("EnvironmentVariables") + "}").objects("variables");
    assertEquals("#{SourceVariables.ObjectKey}", env.stream().filter(v -> v.string("name").equals("ARTIFACT_KEY"))
        .findFirst().orElseThrow().string("value"), "the build sees the key the Source action read");
    assertEquals("SourceVariables", action("Source", "Source").get("Namespace"));

    List<String> keys = documentedKeys();
    for (String key : keys) {
      int exit = runBuild(work, key);
      if (key.substring(key.lastIndexOf('/') + 1).contains("fail")) {
        assertNotEquals(0, exit, key + " must fail the build");
      } else {
        assertEquals(0, exit, key + " must build");
        assertTrue(Files.readString(work.resolve("build-info.txt")).contains("artifact=" + key));
      }
    }
    assertEquals(Set.of(false, true), keys.stream().map(k -> k.contains("fail")).collect(
        java.util.stream.Collectors.toSet()), "the README uploads a good and a failing artifact");
  }

  @Test
  void givenTheDocumentedUploads_thenBatonsShippedRuleStartsThisPipelineWithVariablesItDeclaresPinnedToItsSource()
      throws Exception {
    ReleaseRules rules;
    try (InputStream in = Files.newInputStream(Repo.root().resolve("config/release-rules.json"))) {
      rules = ReleaseRules.parse("config/release-rules.json", in);
    }
    Set<String> declared = new HashSet<>();
    for (Object v : (List<?>) properties("Pipeline").get("Variables")) {
      declared.add((String) SamTemplate.asMap(v).get("Name"));
    }
    String readable = TEMPLATE.resolve(statement("PipelineRole", "ReadThisServicesUploads").get("Resource"), BATON);

    List<String> keys = documentedKeys();
    assertTrue(keys.size() >= 2, keys::toString);
    for (String key : keys) {
      ReleasePlan plan = rules.plan(new S3Object(BATON.get("ReleaseBucketName"), key, Optional.of("v1"), "etag",
          "seq", 1432, "PutObject")).orElseThrow(() -> new AssertionError("no release rule takes " + key));
      assertEquals("service-releases", plan.rule(), key);
      assertEquals(SandboxRun.PIPELINE, plan.pipeline(), key);
      assertTrue(declared.containsAll(plan.variables().keySet()), "a V2 pipeline takes declared variables only: "
          + plan.variables().keySet() + " vs " + declared);
      assertEquals("Source", plan.sourceRevision().orElseThrow().actionName());
      assertTrue(glob(readable).matcher("arn:aws:s3:::" + BATON.get("ReleaseBucketName") + "/" + key).matches(),
          "the pipeline role may read " + key + " (" + readable + ")");
    }
    Set<String> sampleKeys = new HashSet<>();
    for (String sample : List.of("s3-object-created.json", "s3-object-created-fail.json")) {
      sampleKeys.add(Json.parseObject(SandboxRun.event(sample)).object("detail").object("object").string("key"));
    }
    assertEquals(Set.copyOf(keys), sampleKeys, "the replayed samples are the README's uploads");
  }

  @Test
  void givenBatonsDeployCommandInTheReadme_thenBatonMayStartThisPipeline_andItsFailuresAlert() throws IOException {
    Matcher names = Pattern.compile("ReleasePipelineNames='([^']+)'").matcher(readme());
    assertTrue(names.find(), "the README deploys Baton with ReleasePipelineNames");
    assertTrue(List.of(names.group(1).split(",")).stream().anyMatch(p -> glob(p).matcher(SandboxRun.PIPELINE)
        .matches()), names.group(1));
    try (InputStream in = Files.newInputStream(Repo.root().resolve("config/alert-routing.json"))) {
      assertTrue(AlertRouting.parse("config/alert-routing.json", in, Optional.of(
          "arn:aws:sns:eu-west-1:123456789012:baton-AlertTopic-7H2K9Q")).route(SandboxRun.PIPELINE)
          .notifies(AlertKind.FAILED), "the shipped alert routing does not mute the sandbox pipeline");
    }
  }

  // ------------------------------------------------------------------ helpers

  /** The upload keys of the README's {@code aws s3 cp} lines. */
  private static List<String> documentedKeys() throws IOException {
    Matcher m = UPLOAD.matcher(readme());
    List<String> keys = new ArrayList<>();
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  private static String readme() throws IOException {
    return Files.readString(DIR.resolve("README.md"));
  }

  /** Runs the build phase's commands as CodeBuild does (in order, stopping at the first that fails). */
  @SuppressWarnings("unchecked")
  private static int runBuild(Path work, String key) throws Exception {
    Map<String, Object> buildspec = new Yaml().load(String.valueOf(SamTemplate.asMap(properties("BuildProject")
        .get("Source")).get("BuildSpec")));
    Map<String, Object> phases = (Map<String, Object>) buildspec.get("phases");
    assertEquals(Set.of("build"), phases.keySet());
    assertEquals(Map.of("files", List.of("**/*")), buildspec.get("artifacts"));
    List<String> commands = (List<String>) ((Map<String, Object>) phases.get("build")).get("commands");
    ProcessBuilder pb = new ProcessBuilder("sh", "-e", "-c", String.join("\n", commands)).directory(work.toFile())
        .redirectErrorStream(true);
    pb.environment().putAll(Map.of("ARTIFACT_KEY", key, "RELEASE_VERSION", key.split("/")[2],
        "CODEBUILD_BUILD_ID", "baton-sandbox-build:0b1c2d3e-local"));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), output);
    return p.exitValue();
  }

  private static Pattern glob(String pattern) {
    return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
  }

  private static List<String> ids(String type) {
    return TEMPLATE.resources().entrySet().stream()
        .filter(e -> type.equals(SamTemplate.asMap(e.getValue()).get("Type"))).map(Map.Entry::getKey).toList();
  }

  private static Map<String, Object> properties(String id) {
    return SamTemplate.asMap(TEMPLATE.resource(id).get("Properties"));
  }

  private static Map<String, Object> action(String stage, String action) {
    for (Object s : (List<?>) properties("Pipeline").get("Stages")) {
      Map<String, Object> st = SamTemplate.asMap(s);
      if (stage.equals(st.get("Name"))) {
        for (Object a : (List<?>) st.get("Actions")) {
          if (action.equals(SamTemplate.asMap(a).get("Name"))) {
            return SamTemplate.asMap(a);
          }
        }
      }
    }
    throw new AssertionError("no action " + stage + "/" + action);
  }

  private static List<Map<String, Object>> statements(String role) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object policy : (List<?>) properties(role).get("Policies")) {
      for (Object s : (List<?>) SamTemplate.asMap(SamTemplate.asMap(policy).get("PolicyDocument")).get("Statement")) {
        out.add(SamTemplate.asMap(s));
      }
    }
    return out;
  }

  private static Map<String, Object> statement(String role, String sid) {
    return statements(role).stream().filter(s -> sid.equals(s.get("Sid"))).findFirst().orElseThrow();
  }
}
