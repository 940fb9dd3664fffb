package dev.baton.core.pipeline;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What every CodePipeline state-change event carries: the EventBridge envelope ({@code id, time, account, region,
 * resources[0]}) and the common {@code detail} fields.
 *
 * @param eventId the EventBridge event id (the same for every redelivery of one event)
 * @param time when the state changed (the envelope {@code time}, second precision)
 * @param account the AWS account of the pipeline
 * @param region the region of the pipeline
 * @param pipelineArn the pipeline ARN ({@code resources[0]})
 * @param pipeline the pipeline name
 * @param executionId the pipeline execution id
 * @param startTime {@code detail.start-time} when present (CodePipeline leaves it out of some events, e.g. ABANDONED)
 * @param pipelineVersion {@code detail.version}: the version of the pipeline structure that ran
 * @param attempt {@code detail.pipeline-execution-attempt}: 1 for the first run, 2, 3, ... after each retry
 */
public record EventHeader(String eventId, Instant time, String account, String region, String pipelineArn,
                          String pipeline, String executionId, Optional<Instant> startTime, long pipelineVersion,
                          int attempt) {
  public EventHeader {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(pipelineArn, "pipelineArn");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(startTime, "startTime");
  }
}
