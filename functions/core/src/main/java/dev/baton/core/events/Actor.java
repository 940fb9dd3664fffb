package dev.baton.core.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who or what caused an event: a Slack user ({@code slack-user}), a Microsoft Teams user by Entra ID object id
 * ({@code teams-user}), an upload ({@code s3-object}), CodePipeline itself ({@code codepipeline}: a console decision,
 * a timeout, an execution's outcome), a pipeline execution that succeeded and was promoted
 * ({@code pipeline-execution}, id {@code <pipeline>/<execution id>}).
 */
public record Actor(String type, String id, Optional<String> name) {
  public Actor {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    name = name.filter(n -> !n.isBlank());
  }

  public static Actor slackUser(String userId, Optional<String> name) {
    return new Actor("slack-user", userId, name);
  }

  public static Actor teamsUser(String objectId, Optional<String> name) {
    return new Actor("teams-user", objectId, name);
  }

  public static Actor upload(String s3Uri) {
    return new Actor("s3-object", s3Uri, Optional.empty());
  }

  public static Actor execution(String pipeline, String executionId) {
    return new Actor("pipeline-execution", pipeline + "/" + executionId, Optional.empty());
  }

  public static Actor codePipeline(String what) {
    return new Actor("codepipeline", what, Optional.empty());
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("id", id);
    name.ifPresent(n -> m.put("name", n));
    return m;
  }
}
