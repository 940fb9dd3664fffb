package dev.baton.core.approval;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored state of one approval request: the request itself, where its Slack message is, and what became of it.
 *
 * @param executionId the pipeline execution waiting, when known (looked up when the request arrives)
 * @param startedBy who started that execution, as CodePipeline reports it (an IAM ARN, a connection, ...)
 * @param channel the Slack channel id of the message, once posted
 * @param messageTs the Slack message timestamp, once posted
 * @param decision the decision made in Slack, once made
 * @param outcome a sentence on how it ended when not (only) by a Slack decision: "Approved in the console: ..."
 * @param messageShows the status the messages were last updated to show (empty: as posted, PENDING)
 * @param teamsCard where its Microsoft Teams card was posted, if it was
 */
public record Approval(String id, ApprovalRequest request, ApprovalStatus status, Instant requestedAt,
                       Optional<String> executionId, Optional<String> startedBy, Optional<String> channel,
                       Optional<String> messageTs, Optional<Decision> decision, Optional<String> outcome,
                       Optional<Instant> completedAt, Optional<ApprovalStatus> messageShows,
                       Optional<TeamsCard> teamsCard) {
  public Approval {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(startedBy, "startedBy");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(messageTs, "messageTs");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(messageShows, "messageShows");
    Objects.requireNonNull(teamsCard, "teamsCard");
  }

  public static Approval pending(ApprovalRequest request, Instant now, Optional<String> executionId,
                                 Optional<String> startedBy) {
    return new Approval(request.id(), request, ApprovalStatus.PENDING, now, executionId, startedBy, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public boolean posted() {
    return channel.isPresent() && messageTs.isPresent();
  }

  /**
   * Whether its messages still show an older state than this (a Slack message or a Teams card was posted, and not
   * updated to this status).
   */
  public boolean messageBehind() {
    return (posted() || teamsCard.isPresent()) && messageShows.orElse(ApprovalStatus.PENDING) != status;
  }

  public Approval withStatus(ApprovalStatus s, Optional<String> outcomeNote, Optional<Instant> at) {
    return new Approval(id, request, s, requestedAt, executionId, startedBy, channel, messageTs, decision,
        outcomeNote.or(() -> outcome), at.or(() -> completedAt), messageShows, teamsCard);
  }

  public Approval withDecision(Decision d) {
    return new Approval(id, request, d.deciding(), requestedAt, executionId, startedBy, channel, messageTs,
        Optional.of(d), outcome, completedAt, messageShows, teamsCard);
  }

  public Approval withMessage(String channelId, String ts) {
    return new Approval(id, request, status, requestedAt, executionId, startedBy, Optional.of(channelId),
        Optional.of(ts), decision, outcome, completedAt, messageShows, teamsCard);
  }
}
