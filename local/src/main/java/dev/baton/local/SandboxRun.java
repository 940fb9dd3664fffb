package dev.baton.local;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The sandbox pipeline of {@code examples/sandbox-pipeline}, replayed through the packaged functions: the events its
 * two releases emit (the samples in {@code examples/sandbox-pipeline/events/}), in the order they happen, each
 * delivered to every function of template.yaml whose trigger takes it. Release 1.0.0 is uploaded, started by Baton,
 * built, approved in Slack and deployed; release 1.0.1-fail is uploaded and its build fails on purpose. AWS and
 * Slack answer as {@link SandboxAnswers} says.
 */
public final class SandboxRun {
  public static final String PIPELINE = "baton-sandbox-deploy";
  /** The execution of release 1.0.0 (approved, deployed). */
  public static final String RELEASED = "3c9e1f4a-7b2d-4e58-9a06-d1f8b2c7e453";
  /** The execution of release 1.0.1-fail (its build fails). */
  public static final String FAILED = "9b4d2e7c-1f3a-4c86-b5e0-6a2f8d1c3e79";
  /** When the run's first event (the upload of 1.0.0) happened, by the samples. */
  public static final Instant FIRST_EVENT = Instant.parse("2026-11-23T10:00:01Z");
  private static final String HAND_OFF = "/2015-03-31/functions/.+/invocations";

  private static final String RELEASE = "ReleaseTriggerFunction";
  private static final String HISTORY = "PipelineHistoryFunction";
  private static final String REQUEST = "ApprovalRequestFunction";
  private static final String CALLBACK = "ApprovalCallbackFunction";
  private static final String ALERTS = "AlertsFunction";

  private SandboxRun() {}

  /** One event of the run and the functions it reaches (their EventBridge rules, SNS subscription, Function URL). */
  public record Step(String event, List<String> functions, String what) {
    Step(String event, String what, String... functions) {
      this(event, List.of(functions), what);
    }
  }

  /** One invocation of the run: the step, the function, its answer and the calls it made to the stand-ins. */
  public interface Listener {
    void invoked(Step step, String function, Invocation result, List<LoggedRequest> calls);
  }

  public static List<Step> steps() {
    return List.of(
        new Step("s3-object-created.json", "release 1.0.0 is uploaded to the release bucket", RELEASE),
        new Step("pipeline-started.json", "the execution Baton started begins", HISTORY),
        new Step("action-source-succeeded.json", "Source reads the uploaded object", HISTORY),
        new Step("action-build-succeeded.json", "Build succeeds", HISTORY),
        new Step("action-approval-started.json", "the SandboxGate approval starts", HISTORY, REQUEST),
        new Step("sns-approval-notification.json", "CodePipeline notifies Baton's approval topic", REQUEST),
        new Step("slack-block-actions-approve.json", "alice clicks Approve in Slack", CALLBACK),
        new Step("action-approval-succeeded.json", "the approval succeeds", HISTORY, REQUEST),
        new Step("action-deploy-succeeded.json", "Deploy copies the build to the sandbox bucket", HISTORY),
        new Step("pipeline-succeeded.json", "release 1.0.0 succeeds", HISTORY, ALERTS),
        new Step("s3-object-created-fail.json", "release 1.0.1-fail is uploaded", RELEASE),
        new Step("pipeline-started-fail.json", "its execution begins", HISTORY),
        new Step("action-build-failed.json", "Build fails on purpose (the name contains \"fail\")", HISTORY, ALERTS),
        new Step("stage-build-failed.json", "the Build stage fails", HISTORY, ALERTS),
        new Step("pipeline-failed.json", "the execution fails", HISTORY, ALERTS));
  }

  public static Path eventsDir() {
    return Repo.root().resolve("examples/sandbox-pipeline/events");
  }

  /** A sample of examples/sandbox-pipeline/events/. */
  public static String event(String name) {
    try {
      return Files.readString(eventsDir().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replays every step. {@code env} is set for every function (over template.yaml's environment); the alerts
   * function also gets the Slack secret. {@code signClick} turns a Slack interaction payload into the Function URL
   * request Slack would send, signed with {@link SandboxAnswers#SIGNING_SECRET}. When the callback hands its work
   * to an asynchronous invocation of itself, that invocation runs next, as Lambda would run it.
   */
  public static void replay(LocalStack stack, Map<String, String> env, UnaryOperator<String> signClick,
                            Listener listener) {
    Map<String, LocalLambda> functions = new HashMap<>();
    Duration shift = SampleTime.offset(FIRST_EVENT, Instant.now());
    for (Step step : steps()) {
      for (String function : step.functions()) {
        LocalLambda fn = functions.computeIfAbsent(function, id -> stack.function(id, environment(id, env)));
        String payload = SampleTime.shift(event(step.event()), shift);
        String request = function.equals(CALLBACK) ? signClick.apply(payload) : payload;
        List<LoggedRequest> calls = invoke(stack, fn, request, step, function, listener);
        for (LoggedRequest handOff : calls.stream().filter(r -> r.getUrl().matches(HAND_OFF)).toList()) {
          Step finish = new Step(step.event(), "Lambda runs the callback's asynchronous hand-off", CALLBACK);
          invoke(stack, functions.get(CALLBACK), handOff.getBodyAsString(), finish, CALLBACK, listener);
        }
      }
    }
  }

  private static List<LoggedRequest> invoke(LocalStack stack, LocalLambda fn, String payload, Step step,
                                            String function, Listener listener) {
    stack.wiremock().resetRequests();
    Invocation result = fn.invoke(payload);
    List<LoggedRequest> calls = List.copyOf(stack.wiremock().findAll(WireMock.anyRequestedFor(WireMock.anyUrl())));
    listener.invoked(step, function, result, calls);
    return calls;
  }

  private static Map<String, String> environment(String function, Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>(env);
    if (function.equals(ALERTS)) {
      out.putIfAbsent("BATON_SLACK_SECRET", SandboxAnswers.SLACK_SECRET);
    }
    return out;
  }
}
