package dev.baton.functions.alerts;

import dev.baton.core.alerts.AlertRouting;
import dev.baton.core.config.ConfigException;
import dev.baton.core.runtime.Env;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the alert routing comes from: the file named by {@code BATON_ALERT_ROUTING} if set, else
 * {@code baton/alert-routing.json} in the zip (the repository's {@code config/alert-routing.json}, packaged by the
 * build). {@code "default"} topics are the stack's topic, {@code BATON_ALERT_TOPIC_ARN}. A missing or invalid file
 * fails the function's start with a message naming the route and field.
 */
final class AlertRoutingSource {
  static final String PACKAGED = "baton/alert-routing.json";

  private AlertRoutingSource() {}

  static AlertRouting load() {
    Optional<String> topic = Env.optional("BATON_ALERT_TOPIC_ARN");
    Optional<String> file = Env.optional("BATON_ALERT_ROUTING");
    if (file.isPresent()) {
      Path path = Path.of(file.get());
      try (InputStream in = Files.newInputStream(path)) {
        return AlertRouting.parse(path.toString(), in, topic);
      } catch (IOException e) {
        throw new ConfigException("BATON_ALERT_ROUTING=" + path + ": cannot read: " + e.getMessage(), e);
      }
    }
    InputStream in = AlertRoutingSource.class.getClassLoader().getResourceAsStream(PACKAGED);
    if (in == null) {
      throw new ConfigException(PACKAGED + " is not in the function package: build with `mvn package`");
    }
    return AlertRouting.parse("config/alert-routing.json", in, topic);
  }
}
