package dev.baton.functions.alerts;

import dev.baton.core.alerts.AlertRouting;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.runtime.Env;

/**
 * Where the alert routing comes from: the file named by {@code BATON_ALERT_ROUTING} if set, else
 * {@code baton/alert-routing.json} in the zip (the repository's {@code config/alert-routing.json}, packaged by the
 * build). {@code "default"} topics are the stack's topic, {@code BATON_ALERT_TOPIC_ARN}. A missing or invalid file
 * fails the function's start with a message naming the route and field.
 */
final class AlertRoutingSource {
  private AlertRoutingSource() {}

  static AlertRouting load() {
    ConfigFiles.ConfigFile file = ConfigFiles.load("BATON_ALERT_ROUTING", "alert-routing.json");
    return AlertRouting.parse(file.source(), file.json(), Env.optional("BATON_ALERT_TOPIC_ARN"));
  }

}
