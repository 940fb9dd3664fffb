package dev.baton.teams.bot;

import dev.baton.core.approval.GroupMembership;
import dev.baton.core.approval.MembershipUnavailableException;
import dev.baton.core.json.Json;
import dev.baton.teams.TeamsApiException;
import dev.baton.teams.TeamsHttp;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Entra ID group membership through Microsoft Graph, with the bot app's own token (client credentials, scope
 * {@code https://graph.microsoft.com/.default}; the app needs the {@code GroupMember.Read.All} application
 * permission): {@code POST /v1.0/users/{objectId}/checkMemberGroups}, which counts nested (transitive) membership.
 * Any failure to answer (no permission, throttled, down, not JSON) is a {@link MembershipUnavailableException}, so
 * the approver is refused for now: fail closed.
 */
public final class GraphGroups implements GroupMembership {
  public static final String DEFAULT_GRAPH_URL = "https://graph.microsoft.com/";
  public static final String SCOPE = "https://graph.microsoft.com/.default";
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F-]{36}");

  private final TeamsHttp http;
  private final BotAccessTokens tokens;
  private final String graphUrl;

  /** @param tokens the app's tokens for Microsoft Graph ({@link BotAccessTokens#forScope}) */
  public GraphGroups(TeamsHttp http, BotAccessTokens tokens, String graphUrl) {
    this.http = http;
    this.tokens = tokens;
    this.graphUrl = graphUrl.endsWith("/") ? graphUrl : graphUrl + "/";
  }

  @Override
  public boolean isMember(String userObjectId, String groupObjectId) {
    if (!OBJECT_ID.matcher(userObjectId).matches()) {
      return false;
    }
    URI uri = URI.create(graphUrl + "v1.0/users/" + userObjectId + "/checkMemberGroups");
    String body = Json.write(Map.of("groupIds", List.of(groupObjectId)));
    try {
      List<String> in = http.post("Graph checkMemberGroups", uri, TeamsHttp.JSON, body, Optional.of(tokens.token()))
          .json("Graph checkMemberGroups").strings("value");
      return in.stream().anyMatch(groupObjectId::equalsIgnoreCase);
    } catch (TeamsApiException | dev.baton.core.json.MalformedJsonException e) {
      if (e instanceof TeamsApiException t && t.httpStatus() == 401) {
        tokens.invalidate();
      }
      throw new MembershipUnavailableException("Microsoft Graph could not say whether the user is in group "
          + groupObjectId + " (" + e.getMessage() + "); the bot app needs the GroupMember.Read.All application "
          + "permission, granted by an admin", e);
    }
  }
}
