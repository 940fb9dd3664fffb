package dev.baton.cli;

import dev.baton.local.DeployChecks;
import dev.baton.local.Repo;
import dev.baton.local.SamTemplate;
import dev.baton.local.TemplateRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./baton validate}: before {@code sam deploy}, what CloudFormation and the functions would refuse. The
 * template is held to CloudFormation's rules (sections, and every intrinsic function's arguments); each
 * configuration file of {@code config/} to the validator its function runs at start. With {@code -p}, the parameter
 * values a deploy would use are held to their declarations and to the template's Rules too. Exit 0 when all holds,
 * 1 otherwise; every problem names its file, and its rule or route and field.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check template.yaml and the "
    + "configuration files in config/ before a deploy (exit 0: all good, 1: problems found, each named).")
final class ValidateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--template", paramLabel = "<file>", description = "the SAM template (default: template.yaml of this checkout)")
  Path template;

  @Option(names = "--config-dir", paramLabel = "<dir>", description = "the configuration files (default: config/ of this checkout)")
  Path configDir;

  @Option(names = {"-p", "--parameter"}, paramLabel = "<Name=Value>", description = "a parameter value the deploy will use, Name=Value "
      + "(repeatable, as sam deploy --parameter-overrides): also check the parameters and the template's Rules")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path templateFile = ConfigChecks.shown(template != null ? template : Repo.root().resolve("template.yaml"));
    Path config = ConfigChecks.shown(configDir != null ? configDir : Repo.root().resolve("config"));
    List<String> problems = new ArrayList<>();

    List<String> violations = new ArrayList<>();
    try {
      SamTemplate parsed = SamTemplate.parse(templateFile);
      violations.addAll(TemplateRules.check(parsed));
      if (violations.isEmpty() && !parameters.isEmpty()) {
        violations.addAll(DeployChecks.refusals(parsed, parameters));
      }
    } catch (RuntimeException e) {
      violations.add("cannot read it: " + e.getMessage());
    }
    violations.forEach(v -> problems.add(templateFile + ": " + v));
    if (violations.isEmpty()) {
      out.println("ok      " + templateFile + ": CloudFormation's template rules" + (parameters.isEmpty() ? ""
          : ", and the parameters " + parameters.keySet() + " against their declarations and the Rules"));
    }

    try {
      ConfigChecks.check(config).forEach((file, result) -> {
        if (result.ok()) {
          out.println("ok      " + file + ": " + result.text());
        } else {
          problems.add(result.text());
        }
      });
    } catch (IOException e) {
      problems.add(config + ": cannot list it: " + e.getMessage());
    }

    problems.forEach(p -> out.println("ERROR   " + p));
    out.println(problems.isEmpty() ? "valid: ready for sam deploy"
        : problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ": fix before sam deploy");
    out.flush();
    return problems.isEmpty() ? 0 : 1;
  }
}
