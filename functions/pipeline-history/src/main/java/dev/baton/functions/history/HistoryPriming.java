package dev.baton.functions.history;

import dev.baton.aws.priming.PrimingClients;
import dev.baton.aws.priming.PrimingRun;
import dev.baton.core.json.Json;
import dev.baton.core.pipeline.PrimingEvents;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The history's priming: the function's own object graph ({@link HistoryWiring}) on DynamoDB answered in the process
 * ({@link PrimingClients}), its metrics written to nowhere, records one execution as CodePipeline reports it, one
 * event of each level: the execution STARTED, its action STARTED then FAILED, its stage FAILED, the execution FAILED
 * (the execution-finished metric); then the JDK's TLS set-up. No call leaves the process, and no metric reaches
 * the log.
 */
final class HistoryPriming {
  private static final String EXECUTION = "00000000-0000-4000-8000-0000000000c1";

  private HistoryPriming() {}

  /** Primes, one path per event shape ({@link PrimingRun#paths}); {@link PrimingRun#finish} ends it. */
  static PrimingRun prime(String table) {
    PrimingRun run = PrimingRun.create();
    HistoryWiring wiring = HistoryWiring.wire(run.aws().build(DynamoDbClient.builder()), table,
        new PrintStream(OutputStream.nullOutputStream()), "priming", Optional.empty());
    run.path("execution started", () -> wiring.answer(Json.parseObject(
        PrimingEvents.execution("priming", EXECUTION, "STARTED"))));
    run.path("action started", () -> wiring.answer(Json.parseObject(
        PrimingEvents.action("priming", EXECUTION, "Build", "Build", "STARTED", false))));
    run.path("action failed", () -> wiring.answer(Json.parseObject(
        PrimingEvents.action("priming", EXECUTION, "Build", "Build", "FAILED", false))));
    run.path("stage failed", () -> wiring.answer(Json.parseObject(
        PrimingEvents.stage("priming", EXECUTION, "Build", "FAILED"))));
    run.path("execution failed", () -> wiring.answer(Json.parseObject(
        PrimingEvents.execution("priming", EXECUTION, "FAILED"))));
    return run;
  }
}
