package dev.baton.core.approval;

import java.util.Objects;

/** Where an approval's card was posted in Microsoft Teams, so that it can be updated in place. */
public record TeamsCard(String serviceUrl, String conversation, String activityId) {
  public TeamsCard {
    Objects.requireNonNull(serviceUrl, "serviceUrl");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(activityId, "activityId");
  }
}
