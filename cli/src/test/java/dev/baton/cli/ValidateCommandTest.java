package dev.baton.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.local.Repo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./baton validate} on the shipped files, and on copies broken one way each. */
class ValidateCommandTest {
  @TempDir
  Path dir;

  record Run(int exit, String out) {
    List<String> errors() {
      return out.lines().filter(l -> l.startsWith("ERROR")).toList();
    }
  }

  private static Run validate(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Baton());
    cli.setOut(new PrintWriter(out, true));
    String[] all = Stream.concat(Stream.of("validate"), Stream.of(args)).toArray(String[]::new);
    return new Run(cli.execute(all), out.toString());
  }

  /** A copy of config/ with {@code file}'s text {@code from} replaced by {@code to}. */
  private Path brokenConfig(String file, String from, String to) throws IOException {
    Path config = Files.createDirectories(dir.resolve("config"));
    try (Stream<Path> files = Files.list(Repo.root().resolve("config"))) {
      for (Path f : files.toList()) {
        Files.copy(f, config.resolve(f.getFileName()));
      }
    }
    String text = Files.readString(config.resolve(file));
    assertTrue(text.contains(from), from);
    Files.writeString(config.resolve(file), text.replace(from, to));
    return config;
  }

  @Test
  void givenTheShippedTemplateAndConfigs_thenEverythingIsValidAndExitIs0() {
    Run r = validate();
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("template.yaml: CloudFormation's template rules"), r.out());
    assertTrue(r.out().contains("release-rules.json: 2 release rules"), r.out());
    assertTrue(r.out().contains("approvals.json: 2 approval routes"), r.out());
    assertTrue(r.out().contains("alert-routing.json: 2 alert routes and the defaults"), r.out());
    assertTrue(r.out().contains("promotions.json: 2 promotions"), r.out());
    assertTrue(r.out().strip().endsWith("valid: ready for sam deploy"), r.out());
  }

  @Test
  void givenPromotionsThatComeBackToTheirStart_thenTheCycleIsNamedAndExitIs1() throws IOException {
    Path config = brokenConfig("promotions.json", "\"to\": \"payments-prod\"", "\"to\": \"payments-deploy\"");
    Path promotions = config.resolve("promotions.json");
    Files.writeString(promotions, Files.readString(promotions).replace("\"releasedBy\": \"service-releases\",", ""));
    Run r = validate("--config-dir", config.toString());
    assertEquals(1, r.exit(), r.out());
    assertEquals(List.of("ERROR   " + config.resolve("promotions.json") + ": the promotions form a cycle: "
        + "payments-deploy -> payments-staging -> payments-deploy (promotions \"payments-to-staging\" -> "
        + "\"payments-to-prod\"); each execution would start the next pipeline forever, so a chain must end"),
        r.errors());
  }

  @Test
  void givenAPromotionReleasedByARuleThatDoesNotExist_thenItIsNamedAndExitIs1() throws IOException {
    Path config = brokenConfig("promotions.json", "\"releasedBy\": \"service-releases\"",
        "\"releasedBy\": \"service-release\"");
    Run r = validate("--config-dir", config.toString());
    assertEquals(1, r.exit(), r.out());
    assertEquals(List.of("ERROR   " + config.resolve("promotions.json") + ": promotion \"payments-to-staging\", field "
        + "\"releasedBy\": no release rule is named \"service-release\" (the release rules are [service-releases, "
        + "static-site])"), r.errors());
  }

  @Test
  void givenABrokenApprovalRoute_thenTheFileTheRouteAndTheFieldAreNamedAndExitIs1() throws IOException {
    Path config = brokenConfig("approvals.json", "\"channel\": \"C0PAYMENTS\"", "\"channel\": \"payments\"");
    Run r = validate("--config-dir", config.toString());
    assertEquals(1, r.exit(), r.out());
    assertEquals(List.of("ERROR   " + config.resolve("approvals.json") + ": routes[0].channel: \"payments\" is neither "
        + "a channel id (C0123ABCD) nor a #channel-name"), r.errors());
    assertTrue(r.out().contains("ok      " + config.resolve("release-rules.json")), "the others are still checked");
    assertTrue(r.out().strip().endsWith("1 problem: fix before sam deploy"), r.out());
  }

  @Test
  void givenABrokenReleaseRuleAndAlertRoute_thenBothAreReported() throws IOException {
    Path config = brokenConfig("release-rules.json", "\"sourceAction\": \"Source\"", "\"sourceActon\": \"Source\"");
    Files.writeString(config.resolve("alert-routing.json"), Files.readString(config.resolve("alert-routing.json"))
        .replaceFirst("\"RECOVERED\"", "\"RECOVERD\""));
    Run r = validate("--config-dir", config.toString());
    assertEquals(1, r.exit(), r.out());
    assertEquals(2, r.errors().size(), r.out());
    assertTrue(r.errors().get(0).contains("alert-routing.json: defaults, field \"notify\""), r.out());
    assertTrue(r.errors().get(0).contains("RECOVERD"), r.out());
    assertTrue(r.errors().get(1).contains("release-rules.json: release rule \"service-releases\" has an unknown "
        + "field \"sourceActon\""), r.out());
  }

  @Test
  void givenAFileNoFunctionReads_orAMissingOne_thenEachIsAnError() throws IOException {
    Path config = brokenConfig("approvals.json", "{", "{");
    Files.writeString(config.resolve("release-rule.json"), "{}");
    Files.delete(config.resolve("alert-routing.json"));
    Run r = validate("--config-dir", config.toString());
    assertEquals(1, r.exit(), r.out());
    assertEquals(2, r.errors().size(), r.out());
    assertTrue(r.out().contains("alert-routing.json: missing; every function that reads it would fail to start"),
        r.out());
    assertTrue(r.out().contains("release-rule.json: not a Baton configuration file"), r.out());
  }

  @Test
  void givenATemplateCloudFormationWouldRefuse_thenEachViolationIsNamedWithItsPath() throws IOException {
    Path template = dir.resolve("template.yaml");
    // the first of the statements built so (release-trigger's; /baton release's in the callback is the same)
    String text = Files.readString(Repo.root().resolve("template.yaml"));
    String join = "!Join [',arn:*:codepipeline:*:*:', !Split [',', !Ref ReleasePipelineNames]]";
    int at = text.indexOf(join);
    Files.writeString(template, text.substring(0, at)
        + "!Join [!Sub ',arn:${AWS::Partition}:codepipeline:*:*:', !Split [',', !Ref ReleasePipelineNames]]"
        + text.substring(at + join.length()));
    Run r = validate("--template", template.toString());
    assertEquals(1, r.exit(), r.out());
    assertEquals(1, r.errors().size(), r.out());
    assertTrue(r.errors().getFirst().startsWith("ERROR   " + template + ": Template error: every Fn::Join object "
        + "requires two parameters"), r.out());
    assertTrue(r.errors().getFirst().endsWith("[Resources/ReleaseTriggerFunction/Properties/Policies/0/Statement/1/"
        + "Resource/Fn::Split/1/Fn::Sub/1/Names/Fn::Join/0]"), r.out());
  }

  @Test
  void givenParameterValues_thenTheirConstraintsAndTheRulesAreCheckedToo() {
    Run ok = validate("-p", "ReleasePipelineNames=*-deploy", "-p", "SlackSecret=ssm:/baton/slack");
    assertEquals(0, ok.exit(), ok.out());
    Run refused = validate("-p", "ReleasePipelineNames=*-deploy", "-p", "ReleaseBucketMode=Existing");
    assertEquals(1, refused.exit(), refused.out());
    assertEquals(1, refused.errors().size(), refused.out());
    assertTrue(refused.errors().getFirst().contains("template.yaml: Rule ExistingBucketNeedsAName: "
        + "ExistingReleaseBucketName is empty"), refused.out());
    Run missing = validate("-p", "SlackSecret=ssm:/baton/slack");
    assertTrue(missing.out().contains("Parameters: [ReleasePipelineNames] must have values"), missing.out());
  }
}
