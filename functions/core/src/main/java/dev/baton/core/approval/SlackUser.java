package dev.baton.core.approval;

import java.util.Objects;

/** A person in the chat workspace: the stable user id ({@code U0...}) and a display name for messages. */
public record SlackUser(String id, String name) {
  public SlackUser {
    Objects.requireNonNull(id, "id");
    name = name == null || name.isBlank() ? id : name;
  }
}
