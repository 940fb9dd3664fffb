package dev.baton.core.approval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One route of {@code config/approvals.json}: the approval actions it covers (pipeline, stage and action patterns,
 * {@code *} matching any characters), the Slack channel their requests go to, who may decide them (Slack user ids
 * and user-group ids), whether the person who started the execution may approve it, who may approve during a
 * freeze ({@code breakGlass}: the route's own, else the file's, else nobody), and optionally where the requests also
 * go in Microsoft Teams and who may decide them there ({@link TeamsRoute}).
 */
public record ApprovalRoute(String name, String pipeline, String stage, String action, String channel,
                            List<String> users, List<String> groups, boolean starterMayApprove,
                            People breakGlass, Optional<TeamsRoute> teams) {
  public ApprovalRoute {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    Objects.requireNonNull(breakGlass, "breakGlass");
    Objects.requireNonNull(teams, "teams");
  }

  /** A route without a break-glass group of its own and without Teams. */
  public ApprovalRoute(String name, String pipeline, String stage, String action, String channel, List<String> users,
                       List<String> groups, boolean starterMayApprove) {
    this(name, pipeline, stage, action, channel, users, groups, starterMayApprove, People.NOBODY, Optional.empty());
  }

  /** Slack user ids and user-group ids. */
  public record People(List<String> users, List<String> groups) {
    public static final People NOBODY = new People(List.of(), List.of());

    public People {
      users = List.copyOf(users);
      groups = List.copyOf(groups);
    }

    public boolean isEmpty() {
      return users.isEmpty() && groups.isEmpty();
    }
  }

  public boolean covers(String pipelineName, String stageName, String actionName) {
    return glob(pipeline).matcher(pipelineName).matches() && glob(stage).matcher(stageName).matches()
        && glob(action).matcher(actionName).matches();
  }

  static Pattern glob(String pattern) {
    return dev.baton.core.config.Glob.compile(pattern);
  }
}
