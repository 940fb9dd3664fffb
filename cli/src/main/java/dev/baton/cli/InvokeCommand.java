package dev.baton.cli;

import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./baton invoke <FunctionLogicalId> -e events/x.json}: what {@code sam local invoke} does, without Docker:
 * the packaged zip, template.yaml's handler and environment, the Lambda Java runtime interface client, and the
 * embedded stand-ins instead of AWS and Slack.
 */
@Command(name = "invoke", mixinStandardHelpOptions = true,
    description = "Invoke one function of template.yaml locally with an event file.")
final class InvokeCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "the function's logical id in template.yaml, e.g. ReleaseTriggerFunction")
  String function;

  @Option(names = {"-e", "--event"}, required = true, description = "the event JSON file")
  Path event;

  @Option(names = "--env", description = "set or replace an environment variable, NAME=VALUE")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--quiet-logs", description = "do not print the function's log lines")
  boolean quietLogs;

  @Override
  public Integer call() throws IOException {
    String payload = Files.readString(event);
    try (LocalStack stack = LocalStack.start()) {
      LocalStubs.install(stack.wiremock());
      LocalLambda fn = stack.function(function, env);
      Invocation result = fn.invoke(payload);
      if (!quietLogs) {
        System.err.print(fn.log());
      }
      for (String call : LocalStubs.calls(stack.wiremock())) {
        System.err.println("call: " + call);
      }
      System.err.println((result.failed() ? "FAILED" : "OK") + " in " + result.elapsed().toMillis() + " ms");
      System.out.println(result.bodyText());
      return result.failed() ? 1 : 0;
    }
  }
}
