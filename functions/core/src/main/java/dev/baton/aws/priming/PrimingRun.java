package dev.baton.aws.priming;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.runtime.Primed;
import dev.baton.slack.PrimingSlack;
import dev.baton.teams.PrimingTeams;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One function's priming: its stand-ins ({@link PrimingClients} for AWS, {@link PrimingSlack} for Slack,
 * {@link PrimingTeams} for the Bot Framework, Entra ID, Graph and Teams webhooks) and the first-call paths it took,
 * each with the operations the stand-ins answered on it ({@code dynamodb:Query},
 * {@code codepipeline:GetPipelineExecution}, {@code slack:chat.postMessage}, {@code graph:checkMemberGroups}, ...).
 * A path that fails does not stop the others: {@link #finish} names every failed path once all of them ran.
 */
public final class PrimingRun {
  private final PrimingClients aws;
  private final PrimingSlack slack = new PrimingSlack();
  private final PrimingTeams teams = new PrimingTeams();
  private final Map<String, Set<String>> paths = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();

  private PrimingRun(PrimingClients aws) {
    this.aws = aws;
  }

  /** A run on {@link PrimingClients#create()}. */
  public static PrimingRun create() {
    return new PrimingRun(PrimingClients.create());
  }

  /** A run on {@code aws} (e.g. {@link PrimingClients#answering}). */
  public static PrimingRun on(PrimingClients aws) {
    return new PrimingRun(aws);
  }

  public PrimingClients aws() {
    return aws;
  }

  public PrimingSlack slack() {
    return slack;
  }

  public PrimingTeams teams() {
    return teams;
  }

  /** Runs the path {@code name} (a name used once per run), recording what its calls were. */
  public void path(String name, Runnable work) {
    if (paths.containsKey(name)) {
      throw new IllegalArgumentException("priming path " + name + " ran twice");
    }
    List<Supplier<List<String>>> logs = List.of(aws::operations, slack::operations, teams::operations);
    List<Integer> from = logs.stream().map(log -> log.get().size()).toList();
    try {
      work.run();
    } catch (RuntimeException e) {
      failures.put(name, e.toString());
    }
    Set<String> operations = new TreeSet<>();
    for (int i = 0; i < logs.size(); i++) {
      List<String> log = logs.get(i).get();
      operations.addAll(log.subList(from.get(i), log.size()));
    }
    paths.put(name, operations);
  }

  /**
   * {@code answer}, a Function URL response, as JSON if it has HTTP {@code status}; otherwise fails: a request the
   * function refused where a real one would pass (a priming signature or token that does not verify) would prime
   * the refusal instead of its path.
   */
  public static JsonObject expectStatus(String answer, int status) {
    JsonObject response = Json.parseObject(answer);
    long got = response.optLong("statusCode").orElse(-1L);
    if (got != status) {
      throw new IllegalStateException("answered " + got + ", not " + status + ": the priming took another branch "
          + "than a real request would");
    }
    return response;
  }

  /** Each path taken, in order, with the distinct operations answered on it. */
  public Map<String, Set<String>> paths() {
    return java.util.Collections.unmodifiableMap(paths);
  }

  /** The paths that failed, with their errors. */
  public Map<String, String> failures() {
    return java.util.Collections.unmodifiableMap(failures);
  }

  /**
   * Ends the run: the JDK's TLS context set up ({@link PrimingClients#primeTls}); returns how many calls the
   * stand-ins answered and the paths taken, or fails naming each path that failed.
   */
  public Primed finish() {
    PrimingClients.primeTls();
    if (!failures.isEmpty()) {
      throw new IllegalStateException("priming failed on " + failures);
    }
    return new Primed(aws.answered() + slack.answered() + teams.answered(), List.copyOf(paths.keySet()));
  }
}
