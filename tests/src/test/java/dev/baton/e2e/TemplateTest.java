package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.aws.dynamodb.BatonTable;
import dev.baton.local.Repo;
import dev.baton.local.SamTemplate;
import dev.baton.local.TemplateRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * template.yaml checked as SAM and CloudFormation would, for what a deploy would otherwise discover too late:
 * CloudFormation's rules for every intrinsic function and section ({@link TemplateRules}), handlers and CodeUris
 * that resolve to what the build produced, least-privilege policies, no fixed names, explicit deletion policies,
 * on-failure destinations for every asynchronous function, SnapStart, described and constrained parameters, and
 * the table schema the code uses.
 */
class TemplateTest {
  /** Read as it is: the strict check is a test of its own, so each test here fails for its own reason. */
  private static final SamTemplate TEMPLATE = SamTemplate.parse(Repo.root().resolve("template.yaml"));
  /** Event source types Lambda invokes asynchronously: failures must reach an on-failure destination. */
  private static final Set<String> ASYNC_SOURCES = Set.of("EventBridgeRule", "CloudWatchEvent", "SNS", "S3",
      "Schedule", "ScheduleV2");
  /** What a function's zip may weigh (issue 10's budget: a smaller zip is fetched and unpacked sooner). */
  private static final long MAX_ZIP_BYTES = 12L * 1024 * 1024;

  @Test
  void givenEveryFunction_thenItsCodeUriIsABuiltZipHoldingItsHandlerClassAtTheRoot() throws IOException {
    List<String> ids = TEMPLATE.functionIds();
    assertTrue(!ids.isEmpty());
    for (String id : ids) {
      SamTemplate.SamFunction f = TEMPLATE.function(id);
      assertEquals("java25", f.runtime(), id);
      assertTrue(f.handler().matches("[a-zA-Z_$][\\w.$]*::\\w+"), id + ": handler " + f.handler());
      Path zip = Repo.root().resolve(f.codeUri());
      assertTrue(Files.isRegularFile(zip), id + ": CodeUri " + f.codeUri() + " was not built");
      String entry = f.handler().substring(0, f.handler().indexOf("::")).replace('.', '/') + ".class";
      try (ZipFile z = new ZipFile(zip.toFile())) {
        assertTrue(z.getEntry(entry) != null, id + ": " + entry + " is not at the root of " + zip);
        try (java.io.DataInputStream in = new java.io.DataInputStream(z.getInputStream(z.getEntry(entry)))) {
          in.readInt();
          in.readUnsignedShort();
          int major = in.readUnsignedShort();
          assertEquals(44 + 25, major, id + ": " + entry + " is not a Java 25 class file (the java25 runtime runs "
              + "Java 25; maven.compiler.release must match it)");
        }
        assertTrue(z.stream().noneMatch(e -> e.getName().matches("lib/(apache-client|apache5-client|netty-nio-client|"
            + "aws-crt-client|httpclient5?)-.*\\.jar")), id + ": heavy HTTP client in the zip");
        // SSM, Secrets Manager and Lambda are called through LeanAwsClient: their generated clients weigh 10 MB.
        assertTrue(z.stream().noneMatch(e -> e.getName().matches("lib/(ssm|secretsmanager|lambda)-.*\\.jar")),
            id + ": a generated SDK client for a service LeanAwsClient calls");
      }
      assertTrue(Files.size(zip) <= MAX_ZIP_BYTES, id + ": " + zip.getFileName() + " is " + Files.size(zip)
          + " bytes, over the 12 MB budget (docs/performance.md)");
    }
  }

  @Test
  void givenTheArchitectureParameter_thenEveryFunctionRunsOnTheChosenOne() {
    assertEquals(List.of("x86_64", "arm64"), SamTemplate.asMap(TEMPLATE.parameters().get("Architecture"))
        .get("AllowedValues"));
    for (String id : TEMPLATE.functionIds()) {
      Object architectures = TEMPLATE.function(id).properties().get("Architectures");
      assertEquals(List.of("x86_64"), ResolvedStack.of(Map.of("ReleasePipelineNames", "p")).resolve(architectures), id);
      assertEquals(List.of("arm64"), ResolvedStack.of(Map.of("ReleasePipelineNames", "p", "Architecture", "arm64"))
          .resolve(architectures), id);
    }
  }

  @Test
  void givenEveryFunction_thenSnapStartOnAPublishedAliasAndOnFailureDestinationsForAsyncSources() {
    for (String id : TEMPLATE.functionIds()) {
      Map<String, Object> props = TEMPLATE.function(id).properties();
      assertEquals(Map.of("ApplyOn", "PublishedVersions"), ResolvedStack.of(Map.of("ReleasePipelineNames", "p"))
          .resolve(props.get("SnapStart")), id);
      assertEquals(Map.of("ApplyOn", "None"), ResolvedStack.of(Map.of("ReleasePipelineNames", "p",
          "SnapStart", "Disabled")).resolve(props.get("SnapStart")), id + ": the regions without SnapStart");
      assertTrue(props.get("AutoPublishAlias") instanceof String, id + ": SnapStart needs AutoPublishAlias");
      boolean async = SamTemplate.asMap(props.get("Events")).values().stream()
          .anyMatch(e -> ASYNC_SOURCES.contains(SamTemplate.asMap(e).get("Type")));
      if (async) {
        Map<String, Object> onFailure = SamTemplate.asMap(SamTemplate.asMap(SamTemplate.asMap(
            props.get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure"));
        assertTrue(onFailure.containsKey("Destination"), id + ": asynchronous, but no on-failure destination");
      }
    }
  }

  @Test
  void givenEveryPolicyStatement_thenNoWildcardActionsAndNoWildcardResources() {
    List<String> problems = new ArrayList<>();
    TEMPLATE.resources().forEach((id, r) -> SamTemplate.walk(r, node -> {
      if (node instanceof Map<?, ?> m && m.containsKey("Effect") && m.containsKey("Action")) {
        Object actions = m.get("Action");
        for (Object a : actions instanceof List<?> l ? l : List.of(actions)) {
          if (String.valueOf(a).contains("*")) {
            problems.add(id + ": wildcard action " + a);
          }
        }
        if ("*".equals(m.get("Resource"))) {
          problems.add(id + ": Resource '*' for " + actions);
        }
      }
    }));
    assertEquals(List.of(), problems);
  }

  @Test
  void givenTheTemplate_thenEveryIntrinsicFollowsCloudFormationsArgumentRules() {
    assertEquals(List.of(), TemplateRules.check(SamTemplate.parse(Repo.root().resolve("template.yaml"))));
  }

  /**
   * The statements CloudFormation refused on the first release (E1018: Fn::Join given a Fn::Sub as its delimiter):
   * each now resolves, under CloudFormation's own argument rules, to one ARN per listed pipeline, held to the
   * stack's region.
   */
  @ParameterizedTest(name = "{1}")
  @CsvSource({
      "ReleaseTriggerFunction, StartConfiguredPipelines, ReleasePipelineNames, ''",
      "ApprovalRequestFunction, FindTheWaitingExecution, ApprovalPipelineNames, ''",
      "ApprovalCallbackFunction, AnswerApprovals, ApprovalPipelineNames, /*/*",
      "ApprovalCallbackFunction, FindTheWaitingExecution, ApprovalPipelineNames, ''",
      "ApprovalCallbackFunction, StartReleasePipelines, ReleasePipelineNames, ''"})
  void givenAPipelineScopedStatement_thenItResolvesToOneArnPerListedPipelineInTheStacksRegion(String function,
      String sid, String parameter, String suffix) {
    Map<String, String> parameters = new HashMap<>(Map.of("ReleasePipelineNames", "p"));
    parameters.put(parameter, "payments-deploy,static-*,ledger.v2");
    Map<String, Object> statement = ResolvedStack.of(parameters).statement(function, sid);

    assertEquals(List.of("arn:*:codepipeline:*:*:payments-deploy" + suffix, "arn:*:codepipeline:*:*:static-*" + suffix,
        "arn:*:codepipeline:*:*:ledger.v2" + suffix), statement.get("Resource"));
    assertEquals(Map.of("StringEquals", Map.of("aws:RequestedRegion", ResolvedStack.REGION)), statement.get("Condition"));
    parameters.put(parameter, "one");
    assertEquals(List.of("arn:*:codepipeline:*:*:one" + suffix),
        ResolvedStack.of(parameters).statement(function, sid).get("Resource"));
  }

  @Test
  void givenTheCallback_thenItHasNoFixedNameAndMayInvokeOnlyItself() {
    for (String id : TEMPLATE.functionIds()) {
      assertFalse(TEMPLATE.function(id).properties().containsKey("FunctionName"), id + ": a fixed FunctionName "
          + "breaks on long stack names (64 characters at most) and on a second stack in the account");
    }
    Map<String, Object> handOff = ResolvedStack.of(Map.of("ReleasePipelineNames", "p"))
        .statement("ApprovalCallbackFunction", "HandOffToItself");
    assertEquals("lambda:InvokeFunction", handOff.get("Action"));
    assertEquals(List.of("arn:aws:lambda:us-east-1:123456789012:function:baton-ApprovalCallbackFunction",
        "arn:aws:lambda:us-east-1:123456789012:function:baton-ApprovalCallbackFunction:*"), handOff.get("Resource"));
  }

  @Test
  void givenEveryStatefulResource_thenWhatDeletingOrReplacingTheStackDoesToItIsStated() {
    TEMPLATE.resources().forEach((id, r) -> {
      Map<String, Object> resource = SamTemplate.asMap(r);
      if (List.of("AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SQS::Queue").contains(resource.get("Type"))) {
        assertEquals("RetainExceptOnCreate", resource.get("DeletionPolicy"), id);
        assertEquals("Retain", resource.get("UpdateReplacePolicy"), id);
      }
    });
  }

  @Test
  void givenEveryParameter_thenItIsDescribedAndConstrained() {
    TEMPLATE.parameters().forEach((name, p) -> {
      Map<String, Object> param = SamTemplate.asMap(p);
      assertTrue(param.get("Description") instanceof String d && d.length() > 10, name + " needs a Description");
      if ("String".equals(param.get("Type"))) {
        assertTrue(param.containsKey("AllowedPattern") || param.containsKey("AllowedValues"),
            name + " needs AllowedPattern or AllowedValues");
      }
    });
  }

  @Test
  void givenTheTable_thenTheTemplateDeclaresTheSchemaTheCodeUses() {
    Map<String, Object> props = SamTemplate.asMap(TEMPLATE.resource("Table").get("Properties"));
    CreateTableRequest code = BatonTable.createTableRequest("t");

    assertEquals("PAY_PER_REQUEST", props.get("BillingMode"));
    assertEquals(code.keySchema().stream().map(k -> Map.of("AttributeName", k.attributeName(), "KeyType",
        k.keyTypeAsString())).toList(), props.get("KeySchema"));
    assertEquals(code.globalSecondaryIndexes().stream().map(g -> g.indexName()).toList(),
        ((List<?>) props.get("GlobalSecondaryIndexes")).stream().map(g -> SamTemplate.asMap(g).get("IndexName")).toList());
    assertEquals(Map.of("AttributeName", BatonTable.TTL, "Enabled", true), props.get("TimeToLiveSpecification"));
    assertEquals(Map.of("PointInTimeRecoveryEnabled", true), props.get("PointInTimeRecoverySpecification"));
  }
}
