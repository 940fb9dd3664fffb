package dev.baton.core.approval;

import dev.baton.core.config.ConfigException;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code config/approvals.json}, validated as a whole when loaded (an unknown field, a route without approvers or a
 * malformed Slack id fails with the route and field named). Routes are tried in order; the first that covers an
 * approval action wins.
 *
 * <pre>{@code
 * {"routes": [{
 *    "name": "payments-production",
 *    "pipeline": "payments-*", "stage": "Approve", "action": "*",
 *    "channel": "C0PAYMENTS",                                  (channel id, or #name the app is in)
 *    "approvers": {"users": ["U0ALICE"], "groups": ["S0RELEASEMGRS"]},
 *    "starterMayApprove": false,                               (default true)
 *    "breakGlass": {"users": ["U0CAROL"], "groups": ["S0INCIDENT"]},  (may approve during a freeze, with a reason)
 *    "teams": {"conversation": "19:...@thread.tacv2",          (optional: the card in a Teams channel too)
 *              "serviceUrl": "https://smba.trafficmanager.net/emea/",
 *              "approvers": {"users": ["<Entra object id>"], "groups": ["<Entra group object id>"]}}
 *  }],
 *  "breakGlass": {"groups": ["S0INCIDENT"]},                   (for routes without their own; default nobody)
 *  "people": {"U0ALICE": ["arn:aws:sts::123456789012:assumed-role/Deployers/alice"]}}
 * }</pre>
 *
 * {@code people} ties Slack users (or Entra ID users, by object id) to the identities CodePipeline reports as an execution's starter (a trailing
 * {@code *} matches any rest), for {@code "starterMayApprove": false}.
 */
public final class ApprovalRoutes {
  private static final Set<String> TOP = Set.of("$comment", "routes", "people", "breakGlass");
  private static final Set<String> ROUTE = Set.of("name", "description", "pipeline", "stage", "action", "channel",
      "approvers", "starterMayApprove", "breakGlass", "teams");
  private static final Set<String> TEAMS = Set.of("conversation", "serviceUrl", "approvers");
  /** An Entra ID object id (users, groups): a GUID. */
  private static final Pattern OBJECT_ID = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern CONVERSATION = Pattern.compile("19:[A-Za-z0-9_.@:-]{1,200}");
  private static final Set<String> APPROVERS = Set.of("users", "groups");
  private static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{2,}");
  private static final Pattern GROUP = Pattern.compile("S[A-Z0-9]{2,}");
  private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,}|#[a-z0-9][a-z0-9._-]{0,79}");

  private final List<ApprovalRoute> routes;
  private final Map<String, List<String>> people;

  private ApprovalRoutes(List<ApprovalRoute> routes, Map<String, List<String>> people) {
    this.routes = List.copyOf(routes);
    this.people = Map.copyOf(people);
  }

  /** Names another file to read instead of the packaged {@code config/approvals.json}. */
  public static final String FILE_ENV = "BATON_APPROVALS_CONFIG";

  /** {@code BATON_APPROVALS_CONFIG} if set, else the packaged file; a missing or invalid file fails with the field. */
  public static ApprovalRoutes load() {
    ConfigFiles.ConfigFile file = ConfigFiles.load(FILE_ENV, "approvals.json");
    return parse(file.source(), file.json());
  }


  public static ApprovalRoutes parse(String source, InputStream json) {
    return parse(source, ConfigFiles.parse(source, json));
  }

  public static ApprovalRoutes parse(String source, JsonObject root) {
    try {
      ConfigFiles.rejectUnknownFields(source, root, TOP, "the top level");
      List<ApprovalRoute> routes = new ArrayList<>();
      Set<String> names = new HashSet<>();
      ApprovalRoute.People breakGlass = root.has("breakGlass")
          ? people(source + ": breakGlass", root.object("breakGlass"), false) : ApprovalRoute.People.NOBODY;
      List<JsonObject> entries = root.objects("routes");
      if (entries.isEmpty()) {
        throw new ConfigException(source + ": routes: at least one route is needed");
      }
      for (int i = 0; i < entries.size(); i++) {
        ApprovalRoute r = route(source + ": routes[" + i + "]", entries.get(i), breakGlass);
        if (!names.add(r.name())) {
          throw new ConfigException(source + ": routes[" + i + "]: the name \"" + r.name() + "\" is used twice");
        }
        routes.add(r);
      }
      Map<String, List<String>> people = new LinkedHashMap<>();
      Optional<JsonObject> p = root.optObject("people");
      if (p.isPresent()) {
        for (String user : p.get().keys()) {
          if (!USER.matcher(user).matches() && !OBJECT_ID.matcher(user).matches()) {
            throw new ConfigException(source + ": people: \"" + user + "\" is neither a Slack user id (U0123ABCD) "
                + "nor an Entra ID object id");
          }
          people.put(user, p.get().strings(user));
        }
      }
      return new ApprovalRoutes(routes, people);
    } catch (MalformedJsonException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
  }

  private static ApprovalRoute route(String where, JsonObject o, ApprovalRoute.People breakGlass) {
    ConfigFiles.rejectUnknownFields(where, o, ROUTE, "a route");
    String name = o.optString("name").orElse(where.substring(where.lastIndexOf(' ') + 1));
    String channel = o.string("channel");
    if (!CHANNEL.matcher(channel).matches()) {
      throw new ConfigException(where + ".channel: \"" + channel + "\" is neither a channel id (C0123ABCD) nor a "
          + "#channel-name");
    }
    ApprovalRoute.People approvers = people(where + ".approvers", o.object("approvers"), true);
    ApprovalRoute.People glass = o.has("breakGlass") ? people(where + ".breakGlass", o.object("breakGlass"), false)
        : breakGlass;
    Optional<TeamsRoute> teams = o.optObject("teams").map(t -> teams(where + ".teams", t));
    return new ApprovalRoute(name, o.optString("pipeline").orElse("*"), o.optString("stage").orElse("*"),
        o.optString("action").orElse("*"), channel, approvers.users(), approvers.groups(),
        o.optBoolean("starterMayApprove").orElse(true), glass, teams);
  }

  /** {@code {"users": [...], "groups": [...]}} of Slack ids, checked; {@code required}: for approvers. */
  private static ApprovalRoute.People people(String where, JsonObject o, boolean required) {
    ConfigFiles.rejectUnknownFields(where, o, APPROVERS, where.substring(where.lastIndexOf('.') + 1));
    List<String> users = o.strings("users");
    List<String> groups = o.strings("groups");
    users.stream().filter(u -> !USER.matcher(u).matches()).findFirst().ifPresent(u -> {
      throw new ConfigException(where + ".users: \"" + u + "\" is not a Slack user id (U0123ABCD; "
          + "in Slack: profile, More, Copy member ID)");
    });
    groups.stream().filter(g -> !GROUP.matcher(g).matches()).findFirst().ifPresent(g -> {
      throw new ConfigException(where + ".groups: \"" + g + "\" is not a Slack user-group id (S0123ABCD)");
    });
    someone(where, users, groups, required);
    return new ApprovalRoute.People(users, groups);
  }

  private static TeamsRoute teams(String where, JsonObject t) {
    ConfigFiles.rejectUnknownFields(where, t, TEAMS, "teams");
    String conversation = t.string("conversation");
    if (!CONVERSATION.matcher(conversation).matches()) {
      throw new ConfigException(where + ".conversation: \"" + conversation + "\" is not a Teams channel id "
          + "(19:...@thread.tacv2; in Teams: the channel's ..., Get link to channel)");
    }
    String serviceUrl = t.string("serviceUrl");
    // http only on this machine's loopback: the Bot Framework Emulator and local stand-ins
    boolean local = serviceUrl.startsWith("http://127.0.0.1:") || serviceUrl.startsWith("http://localhost:");
    if (!(serviceUrl.startsWith("https://") || local) || serviceUrl.contains("?") || serviceUrl.contains("#")) {
      throw new ConfigException(where + ".serviceUrl: \"" + serviceUrl + "\" is not an https Bot Framework service "
          + "URL (https://smba.trafficmanager.net/<region>/)");
    }
    JsonObject approvers = t.object("approvers");
    ConfigFiles.rejectUnknownFields(where + ".approvers", approvers, APPROVERS, "approvers");
    List<String> users = approvers.strings("users");
    List<String> groups = approvers.strings("groups");
    Stream.concat(users.stream(), groups.stream()).filter(u -> !OBJECT_ID.matcher(u).matches()).findFirst()
        .ifPresent(u -> {
          throw new ConfigException(where + ".approvers: \"" + u + "\" is not an Entra ID object id (a GUID in "
              + "lower case; Entra admin center, the user's or group's Object ID)");
        });
    someone(where + ".approvers", users, groups, true);
    return new TeamsRoute(conversation, serviceUrl, users, groups);
  }

  private static void someone(String where, List<String> users, List<String> groups, boolean required) {
    if (users.isEmpty() && groups.isEmpty()) {
      throw new ConfigException(where + ": name at least one user or group" + (required ? " (nobody could approve)"
          : " (or leave it out)"));
    }
  }

  /** The first route covering this approval action. */
  public Optional<ApprovalRoute> route(String pipeline, String stage, String action) {
    return routes.stream().filter(r -> r.covers(pipeline, stage, action)).findFirst();
  }

  public List<ApprovalRoute> routes() {
    return routes;
  }

  /** The identities (IAM ARNs, e-mails) a Slack or Entra ID user is known by, for the starter rule. */
  public List<String> identitiesOf(String userId) {
    return people.getOrDefault(userId, List.of());
  }
}
