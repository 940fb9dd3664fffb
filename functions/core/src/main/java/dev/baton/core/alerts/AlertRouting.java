package dev.baton.core.alerts;

import dev.baton.core.config.ConfigException;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.json.JsonObject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The alert routing file ({@code config/alert-routing.json}), validated as a whole when loaded: an unknown field, an
 * unknown alert kind, a malformed topic ARN, channel or mention fails with the route and the field named. Routes are
 * tried in order, the first whose {@code pipelines} pattern matches wins; what a route leaves out comes from
 * {@code defaults}, and what those leave out from the built-in defaults (notify FAILED, APPROVAL_REJECTED,
 * STOPPED, RECOVERED and FREEZE; publish to the stack's topic; no Slack, no Teams).
 *
 * <p>Teams targets name the secret that holds a Workflows webhook URL, never the URL: a Secrets Manager secret under
 * {@value #TEAMS_SECRET_PREFIX} (name or ARN) or an SSM SecureString under {@code ssm:/}{@value #TEAMS_SECRET_PREFIX},
 * the only secrets the stack lets the alerts function read for Teams.
 *
 * <pre>{@code
 * {"defaults": {"notify": ["FAILED", "APPROVAL_REJECTED", "STOPPED", "RECOVERED"],
 *               "sns": ["default"],
 *               "slack": {"channels": ["#deployments"]}},
 *  "routes": [{"name": "payments", "pipelines": ["payments-*"],
 *              "notify": ["FAILED", "APPROVAL_REJECTED", "STOPPED", "RECOVERED", "SUCCEEDED"],
 *              "slack": {"channels": ["#payments-releases"], "mention": "<!subteam^S0PAYOPS>"}},
 *             {"name": "sandboxes", "pipelines": ["sandbox-*"], "notify": []}]}
 * }</pre>
 */
public final class AlertRouting {
  /** What is sent when nothing says otherwise. */
  public static final Set<AlertKind> DEFAULT_NOTIFY = EnumSet.of(AlertKind.FAILED, AlertKind.APPROVAL_REJECTED,
      AlertKind.STOPPED, AlertKind.RECOVERED, AlertKind.FREEZE);
  /** In {@code sns}: the topic the stack creates ({@code BATON_ALERT_TOPIC_ARN}). */
  public static final String DEFAULT_TOPIC = "default";

  private static final Set<String> TOP_FIELDS = Set.of("defaults", "routes", "$comment");
  /** Where Teams webhook secrets live: the alerts function may read these and no others. */
  public static final String TEAMS_SECRET_PREFIX = "baton/teams/";

  private static final Set<String> DEFAULTS_FIELDS = Set.of("notify", "sns", "slack", "teams", "$comment");
  private static final Set<String> ROUTE_FIELDS = Set.of("name", "description", "pipelines", "notify", "sns",
      "slack", "teams");
  private static final Set<String> TEAMS_FIELDS = Set.of("webhooks");
  private static final Pattern TEAMS_SECRET = Pattern.compile(
      "(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:)?baton/teams/[A-Za-z0-9/_+=.@-]{1,480}"
      + "|ssm:/baton/teams(/[A-Za-z0-9_.-]+){1,13}");
  private static final Set<String> SLACK_FIELDS = Set.of("channels", "webhook", "mention");
  private static final Pattern TOPIC_ARN = Pattern.compile(
      "arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
  private static final Pattern CHANNEL = Pattern.compile("#[a-z0-9_-][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{6,20}");
  private static final Pattern MENTION = Pattern.compile(
      "(<(!here|!channel|!everyone|@[UW][A-Z0-9]{2,20}|!subteam\\^[A-Z0-9]{2,20})>\\s*)+");
  private static final Pattern ROUTE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private record Spec(Optional<Set<AlertKind>> kinds, Optional<List<String>> sns, Optional<Slack> slack,
                      Optional<List<String>> teams) {}

  private record Slack(List<String> channels, boolean webhook, Optional<String> mention) {
    static final Slack NONE = new Slack(List.of(), false, Optional.empty());
  }

  private record Entry(List<PipelinePattern> pipelines, Route route) {}

  private final List<Entry> routes;
  private final Route defaults;

  private AlertRouting(List<Entry> routes, Route defaults) {
    this.routes = List.copyOf(routes);
    this.defaults = defaults;
  }

  /**
   * Reads and validates a routing file. {@code defaultTopicArn} is the stack's topic, which {@code "default"} in
   * {@code sns} stands for; a file that uses it when there is none fails.
   */
  public static AlertRouting parse(String source, InputStream json, Optional<String> defaultTopicArn) {
    return parse(source, ConfigFiles.parse(source, json), defaultTopicArn);
  }

  public static AlertRouting parse(String source, JsonObject root, Optional<String> defaultTopicArn) {
    ConfigFiles.rejectUnknownFields(source, root, TOP_FIELDS, "the top level");
    JsonObject defaultsJson = ConfigFiles.field(source, "defaults", () -> root.optObject("defaults"))
        .orElse(JsonObject.of(Map.of()));
    String at = source + ": defaults";
    ConfigFiles.rejectUnknownFields(source, defaultsJson, DEFAULTS_FIELDS, "defaults");
    Spec d = spec(at, defaultsJson);
    Route defaults = resolve("defaults", at, d, new Spec(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty()), defaultTopicArn);

    List<JsonObject> entries = ConfigFiles.field(source, "routes", () -> root.objects("routes"));
    List<Entry> routes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonObject r = entries.get(i);
      String name = ConfigFiles.field(source + ": routes[" + i + "]", "name", () -> r.string("name"));
      String where = source + ": route \"" + name + "\" (routes[" + i + "])";
      if (!ROUTE_NAME.matcher(name).matches()) {
        throw new ConfigException(where + ", field \"name\": use letters, digits, . _ - (1-64 characters)");
      }
      if (!names.add(name)) {
        throw new ConfigException(where + ": the name \"" + name + "\" is used twice");
      }
      ConfigFiles.rejectUnknownFields(source, r, ROUTE_FIELDS, "route \"" + name + "\"");
      List<String> patterns = ConfigFiles.field(where, "pipelines", () -> r.strings("pipelines"));
      if (patterns.isEmpty()) {
        throw new ConfigException(where + ", field \"pipelines\": give at least one pipeline name or pattern");
      }
      List<PipelinePattern> compiled = new ArrayList<>();
      for (String p : patterns) {
        compiled.add(ConfigFiles.field(where, "pipelines", () -> PipelinePattern.compile(p)));
      }
      routes.add(new Entry(compiled, resolve(name, where, spec(where, r), d, defaultTopicArn)));
    }
    return new AlertRouting(routes, defaults);
  }

  /** The route of {@code pipeline}: the first route whose pattern matches it, else the defaults. */
  public Route route(String pipeline) {
    for (Entry e : routes) {
      if (e.pipelines.stream().anyMatch(p -> p.matches(pipeline))) {
        return e.route;
      }
    }
    return defaults;
  }

  /** The defaults and every route, as resolved. */
  public List<Route> all() {
    List<Route> all = new ArrayList<>();
    all.add(defaults);
    routes.forEach(e -> all.add(e.route));
    return all;
  }

  /**
   * Where an announcement of {@code kind} about pipelines matching {@code patterns} goes: every route whose
   * patterns overlap one of them (a route pattern the freeze pattern matches, or one that matches the freeze
   * pattern itself), and the defaults when a pattern falls under no route; of those, the ones that notify
   * {@code kind}. Each target once.
   */
  public List<Target> announcing(AlertKind kind, List<String> patterns) {
    List<Route> concerned = new ArrayList<>();
    boolean defaultsToo = false;
    for (String p : patterns) {
      Pattern glob = dev.baton.core.config.Glob.compile(p);
      boolean underARoute = false;
      for (Entry e : routes) {
        boolean falls = e.pipelines.stream().anyMatch(rp -> rp.matches(p));
        underARoute |= falls;
        if ((falls || e.pipelines.stream().anyMatch(rp -> glob.matcher(rp.toString()).matches()))
            && !concerned.contains(e.route)) {
          concerned.add(e.route);
        }
      }
      defaultsToo |= !underARoute;
    }
    if (defaultsToo) {
      concerned.addFirst(defaults);
    }
    Map<String, Target> targets = new java.util.LinkedHashMap<>();
    concerned.stream().filter(r -> r.notifies(kind)).flatMap(r -> r.targets().stream())
        .forEach(t -> targets.putIfAbsent(t.id(), t));
    return List.copyOf(targets.values());
  }

  /** True when some route posts to Slack channels with the bot token. */
  public boolean usesSlackChannels() {
    return all().stream().anyMatch(r -> !r.slackChannels().isEmpty() && !r.kinds().isEmpty());
  }

  /** True when some route posts to a Teams Workflows webhook. */
  public boolean usesTeams() {
    return all().stream().anyMatch(r -> !r.teamsWebhooks().isEmpty() && !r.kinds().isEmpty());
  }

  /** True when some route posts through the incoming webhook. */
  public boolean usesSlackWebhook() {
    return all().stream().anyMatch(r -> r.slackWebhook() && !r.kinds().isEmpty());
  }

  private static Spec spec(String at, JsonObject json) {
    Optional<Set<AlertKind>> notify = json.has("notify")
        ? Optional.of(notify(at, ConfigFiles.field(at, "notify", () -> json.strings("notify")))) : Optional.empty();
    Optional<List<String>> sns = json.has("sns")
        ? Optional.of(topics(at, ConfigFiles.field(at, "sns", () -> json.strings("sns")))) : Optional.empty();
    Optional<Slack> slack = json.has("slack") ? Optional.of(slack(at, json.asMap().get("slack"))) : Optional.empty();
    Optional<List<String>> teams = json.has("teams") ? Optional.of(teams(at, json.asMap().get("teams")))
        : Optional.empty();
    return new Spec(notify, sns, slack, teams);
  }

  private static Set<AlertKind> notify(String at, List<String> names) {
    Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
    for (String n : names) {
      kinds.add(AlertKind.of(n).orElseThrow(() -> new ConfigException(at + ", field \"notify\": \"" + n
          + "\" is not an alert Baton sends; use any of " + List.of(AlertKind.values()))));
    }
    return kinds;
  }

  private static List<String> topics(String at, List<String> topics) {
    for (String t : topics) {
      if (t.equals(DEFAULT_TOPIC)) {
        continue;
      }
      if (!TOPIC_ARN.matcher(t).matches()) {
        throw new ConfigException(at + ", field \"sns\": \"" + t + "\" is neither \"default\" (the stack's alert "
            + "topic) nor an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)");
      }
      if (t.endsWith(".fifo")) {
        throw new ConfigException(at + ", field \"sns\": " + t + " is a FIFO topic; alerts go to standard topics");
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(topics));
  }

  private static Slack slack(String at, Object value) {
    if (Boolean.FALSE.equals(value)) {
      return Slack.NONE;
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new ConfigException(at + ", field \"slack\": expected an object ({\"channels\": [...], \"webhook\": "
          + "true|false, \"mention\": \"<!here>\"}) or false");
    }
    @SuppressWarnings("unchecked")
    JsonObject s = JsonObject.of((Map<String, Object>) value);
    for (String k : s.keys()) {
      if (!SLACK_FIELDS.contains(k)) {
        throw new ConfigException(at + ", field \"slack\" has an unknown field \"" + k + "\"; allowed: "
            + SLACK_FIELDS.stream().sorted().toList());
      }
    }
    List<String> channels = ConfigFiles.field(at, "slack.channels", () -> s.strings("channels"));
    for (String c : channels) {
      if (!CHANNEL.matcher(c).matches()) {
        throw new ConfigException(at + ", field \"slack.channels\": \"" + c + "\" is not a Slack channel: use "
            + "#name (lower case) or the channel id (C0123ABCD)");
      }
    }
    boolean webhook = ConfigFiles.field(at, "slack.webhook", () -> s.optBoolean("webhook")).orElse(false);
    Optional<String> mention = ConfigFiles.field(at, "slack.mention", () -> s.optString("mention")).map(String::strip);
    if (mention.isPresent() && !MENTION.matcher(mention.get()).matches()) {
      throw new ConfigException(at + ", field \"slack.mention\": write Slack mentions as <!here>, <!channel>, "
          + "<@U0123ABCD> or <!subteam^S0123ABCD>");
    }
    return new Slack(List.copyOf(new java.util.LinkedHashSet<>(channels)), webhook, mention);
  }

  private static List<String> teams(String at, Object value) {
    if (Boolean.FALSE.equals(value)) {
      return List.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new ConfigException(at + ", field \"teams\": expected an object ({\"webhooks\": [\"" + TEAMS_SECRET_PREFIX
          + "<name>\", ...]}) or false");
    }
    @SuppressWarnings("unchecked")
    JsonObject t = JsonObject.of((Map<String, Object>) value);
    for (String k : t.keys()) {
      if (!TEAMS_FIELDS.contains(k)) {
        throw new ConfigException(at + ", field \"teams\" has an unknown field \"" + k + "\"; allowed: "
            + TEAMS_FIELDS.stream().sorted().toList());
      }
    }
    List<String> webhooks = ConfigFiles.field(at, "teams.webhooks", () -> t.strings("webhooks"));
    for (String w : webhooks) {
      if (w.startsWith("https://") || w.startsWith("http://")) {
        throw new ConfigException(at + ", field \"teams.webhooks\": a webhook URL is a credential and does not "
            + "belong in this file: put it in a Secrets Manager secret named " + TEAMS_SECRET_PREFIX + "<name> (or "
            + "an SSM SecureString ssm:/" + TEAMS_SECRET_PREFIX + "<name>) and give that name here");
      }
      if (!TEAMS_SECRET.matcher(w).matches()) {
        throw new ConfigException(at + ", field \"teams.webhooks\": \"" + w + "\" is not a Teams webhook secret: "
            + "give a Secrets Manager secret name (or ARN) under " + TEAMS_SECRET_PREFIX + ", or ssm:/"
            + TEAMS_SECRET_PREFIX + "<name> for an SSM SecureString (the stack lets the alerts function read "
            + "these only)");
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(webhooks));
  }

  private static Route resolve(String name, String at, Spec own, Spec defaults, Optional<String> defaultTopic) {
    Set<AlertKind> notify = own.kinds.or(() -> defaults.kinds).orElse(DEFAULT_NOTIFY);
    List<String> sns = own.sns.or(() -> defaults.sns).orElse(List.of(DEFAULT_TOPIC));
    Slack slack = own.slack.or(() -> defaults.slack).orElse(Slack.NONE);
    List<String> teams = own.teams.or(() -> defaults.teams).orElse(List.of());
    List<String> topics = new ArrayList<>();
    for (String t : sns) {
      if (t.equals(DEFAULT_TOPIC)) {
        topics.add(defaultTopic.orElseThrow(() -> new ConfigException(at + ", field \"sns\": \"default\" names the "
            + "stack's alert topic, but BATON_ALERT_TOPIC_ARN is not set")));
      } else {
        topics.add(t);
      }
    }
    return new Route(name, notify, topics.stream().distinct().toList(), slack.channels, slack.webhook,
        slack.mention, teams);
  }

}
