package dev.baton.core.approval;

import java.util.List;
import java.util.Objects;

/**
 * Where a route's approval requests also go in Microsoft Teams, and who may decide them there: the channel's
 * conversation id ({@code 19:...@thread.tacv2}), the Bot Framework service URL of the team's region, and the Entra ID
 * object ids of the users and security groups that may decide.
 */
public record TeamsRoute(String conversation, String serviceUrl, List<String> users, List<String> groups) {
  public TeamsRoute {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(serviceUrl, "serviceUrl");
    users = List.copyOf(users);
    groups = List.copyOf(groups);
  }
}
