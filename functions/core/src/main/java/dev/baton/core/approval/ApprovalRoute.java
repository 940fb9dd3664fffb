package dev.baton.core.approval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One route of {@code config/approvals.json}: the approval actions it covers (pipeline, stage and action patterns,
 * {@code *} matching any characters), the Slack channel their requests go to, who may decide them (Slack user ids
 * and user-group ids), and whether the person who started the execution may approve it; optionally where they also
 * go in Microsoft Teams and who may decide them there ({@link TeamsRoute}).
 */
public record ApprovalRoute(String name, String pipeline, String stage, String action, String channel,
                            List<String> users, List<String> groups, boolean starterMayApprove,
                            Optional<TeamsRoute> teams) {
  public ApprovalRoute {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    Objects.requireNonNull(teams, "teams");
  }

  /** A route without Teams. */
  public ApprovalRoute(String name, String pipeline, String stage, String action, String channel, List<String> users,
                       List<String> groups, boolean starterMayApprove) {
    this(name, pipeline, stage, action, channel, users, groups, starterMayApprove, Optional.empty());
  }

  public boolean covers(String pipelineName, String stageName, String actionName) {
    return glob(pipeline).matcher(pipelineName).matches() && glob(stage).matcher(stageName).matches()
        && glob(action).matcher(actionName).matches();
  }

  static Pattern glob(String pattern) {
    return dev.baton.core.config.Glob.compile(pattern);
  }
}
