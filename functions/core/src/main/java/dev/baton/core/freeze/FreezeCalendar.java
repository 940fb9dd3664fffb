package dev.baton.core.freeze;

import dev.baton.core.config.ConfigException;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The configured freezes ({@code config/freezes.json}), validated as a whole when loaded: an unknown field, a day,
 * time, date or zone that does not parse, a window that ends before it starts, or an entry with both or neither of
 * {@code weekly} and {@code dates} fails with the entry and the field named.
 *
 * <pre>{@code
 * {"freezes": [
 *   {"name": "weekend", "pipelines": ["*-deploy"], "zone": "Europe/Berlin",
 *    "weekly": {"from": "FRIDAY 16:00", "to": "MONDAY 08:00"}},
 *   {"name": "year-end", "pipelines": ["*"], "zone": "Europe/Berlin",
 *    "dates": {"from": "2026-12-23T00:00", "to": "2027-01-04T08:00"}, "whenFrozen": "drop"}
 * ]}
 * }</pre>
 */
public final class FreezeCalendar {
  private static final Set<String> TOP_FIELDS = Set.of("freezes", "$comment");
  private static final Set<String> FIELDS = Set.of("name", "description", "pipelines", "zone", "weekly", "dates",
      "whenFrozen");
  private static final Set<String> RANGE_FIELDS = Set.of("from", "to");

  private final List<FreezeRule> rules;

  private FreezeCalendar(List<FreezeRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static FreezeCalendar of(List<FreezeRule> rules) {
    return new FreezeCalendar(rules);
  }

  public List<FreezeRule> rules() {
    return rules;
  }

  /**
   * The freeze windows the functions use: the file named by {@code BATON_FREEZES} if set, else the packaged
   * {@code baton/freezes.json}; a missing or invalid file fails the start, naming the entry and field.
   */
  public static FreezeCalendar load() {
    ConfigFiles.ConfigFile file = ConfigFiles.load("BATON_FREEZES", "freezes.json");
    return parse(file.source(), file.json());
  }

  public static FreezeCalendar parse(String source, JsonObject root) {
    ConfigFiles.rejectUnknownFields(source, root, TOP_FIELDS, "the top level");
    List<JsonObject> entries;
    try {
      entries = root.objects("freezes");
    } catch (MalformedJsonException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
    List<FreezeRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      FreezeRule rule = rule(source + ": freezes[" + i + "]", entries.get(i));
      if (!names.add(rule.name())) {
        throw new ConfigException(source + ": freezes[" + i + "]: the name \"" + rule.name() + "\" is used twice");
      }
      rules.add(rule);
    }
    return new FreezeCalendar(rules);
  }

  private static FreezeRule rule(String at, JsonObject json) {
    ConfigFiles.rejectUnknownFields(at, json, FIELDS, "the freeze");
    String name = ConfigFiles.field(at, "name", () -> nonBlank(json.string("name")));
    String where = at + " (\"" + name + "\")";
    String description = ConfigFiles.field(where, "description", () -> json.optString("description").orElse(""));
    List<String> pipelines = ConfigFiles.field(where, "pipelines", () -> {
      List<String> list = json.strings("pipelines");
      if (list.isEmpty() || list.stream().anyMatch(String::isBlank)) {
        throw new IllegalArgumentException("list at least one pipeline name or pattern (\"*\" for all)");
      }
      return list;
    });
    ZoneId zone = ConfigFiles.field(where, "zone", () -> zone(json.string("zone")));
    if (json.has("weekly") == json.has("dates")) {
      throw new ConfigException(where + ": give either \"weekly\" or \"dates\"");
    }
    FreezeWindow window = json.has("weekly") ? weekly(where, json, zone) : dated(where, json, zone);
    WhenFrozen when = ConfigFiles.field(where, "whenFrozen", () -> whenFrozen(json.optString("whenFrozen")
        .orElse("hold")));
    return new FreezeRule(name, description, pipelines, window, when);
  }

  private static FreezeWindow weekly(String where, JsonObject json, ZoneId zone) {
    JsonObject w = ConfigFiles.field(where, "weekly", () -> json.object("weekly"));
    ConfigFiles.rejectUnknownFields(where, w, RANGE_FIELDS, "\"weekly\"");
    String[] from = ConfigFiles.field(where, "weekly.from", () -> dayAndTime(w.string("from")));
    String[] to = ConfigFiles.field(where, "weekly.to", () -> dayAndTime(w.string("to")));
    return ConfigFiles.field(where, "weekly", () -> new WeeklyWindow(DayOfWeek.valueOf(from[0]),
        LocalTime.parse(from[1]), DayOfWeek.valueOf(to[0]), LocalTime.parse(to[1]), zone));
  }

  private static FreezeWindow dated(String where, JsonObject json, ZoneId zone) {
    JsonObject d = ConfigFiles.field(where, "dates", () -> json.object("dates"));
    ConfigFiles.rejectUnknownFields(where, d, RANGE_FIELDS, "\"dates\"");
    LocalDateTime from = ConfigFiles.field(where, "dates.from", () -> dateTime(d.string("from")));
    LocalDateTime to = ConfigFiles.field(where, "dates.to", () -> dateTime(d.string("to")));
    return ConfigFiles.field(where, "dates", () -> new DatedWindow(from, to, zone));
  }

  /** {@code FRIDAY 16:00} (any case) to its day and time, both checked. */
  private static String[] dayAndTime(String text) {
    String[] parts = text.strip().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected a day and a time, such as \"FRIDAY 16:00\", not \"" + text + "\"");
    }
    String day = parts[0].toUpperCase(Locale.ROOT);
    try {
      DayOfWeek.valueOf(day);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + parts[0] + "\" is not a day of the week (MONDAY ... SUNDAY)");
    }
    try {
      LocalTime.parse(parts[1]);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("\"" + parts[1] + "\" is not a time (HH:mm)");
    }
    return new String[] {day, parts[1]};
  }

  private static LocalDateTime dateTime(String text) {
    try {
      return LocalDateTime.parse(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a local date and time (2026-12-24T00:00)");
    }
  }

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IANA time zone (Europe/Berlin, UTC, ...)");
    }
  }

  private static WhenFrozen whenFrozen(String text) {
    return switch (text) {
      case "hold" -> WhenFrozen.HOLD;
      case "drop" -> WhenFrozen.DROP;
      default -> throw new IllegalArgumentException("\"" + text + "\": expected \"hold\" or \"drop\"");
    };
  }

  private static String nonBlank(String s) {
    if (s.isBlank()) {
      throw new IllegalArgumentException("must not be blank");
    }
    return s;
  }
}
