package dev.baton.core.pipeline;

import java.util.Objects;

/**
 * {@code detail.type} of an action event: {@code owner} (AWS, ThirdParty, Custom), {@code provider} (CodeBuild,
 * CodeDeploy, Manual, S3, ...), {@code category} (Source, Build, Test, Deploy, Approval, Invoke, Compute) and the
 * action type {@code version}.
 */
public record ActionType(String owner, String provider, String category, String version) {
  public ActionType {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(version, "version");
  }

  public boolean isApproval() {
    return category.equals("Approval");
  }
}
