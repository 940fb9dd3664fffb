package dev.baton.core.approval;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One route of {@code config/approvals.json}: the approval actions it covers (pipeline, stage and action patterns,
 * {@code *} matching any characters), the Slack channel their requests go to, who may decide them (Slack user ids
 * and user-group ids), whether the person who started the execution may approve it, and who may approve during a
 * freeze ({@code breakGlass}: the route's own, else the file's, else nobody).
 */
public record ApprovalRoute(String name, String pipeline, String stage, String action, String channel,
                            List<String> users, List<String> groups, boolean starterMayApprove,
                            People breakGlass) {
  public ApprovalRoute {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
  }

  public ApprovalRoute(String name, String pipeline, String stage, String action, String channel, List<String> users,
                       List<String> groups, boolean starterMayApprove) {
    this(name, pipeline, stage, action, channel, users, groups, starterMayApprove, People.NOBODY);
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
