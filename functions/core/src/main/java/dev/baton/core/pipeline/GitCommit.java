package dev.baton.core.pipeline;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The Git fields of an {@code execution-trigger} ({@code commit-id, commit-message, author-display-name,
 * author-id, author-email, author-date, branch-name | tag-name, full-repository-name, provider-type,
 * connection-arn}).
 *
 * @param author the author's display name, else the author id
 * @param authorDate when the commit was authored: where lead time for changes starts
 */
public record GitCommit(String commitId, Optional<String> message, Optional<String> author,
                        Optional<String> authorEmail, Optional<Instant> authorDate, Optional<String> branch,
                        Optional<String> tag, Optional<String> repository, Optional<String> providerType,
                        Optional<String> connectionArn) {
  public GitCommit {
    Objects.requireNonNull(commitId, "commitId");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(authorEmail, "authorEmail");
    Objects.requireNonNull(authorDate, "authorDate");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(providerType, "providerType");
    Objects.requireNonNull(connectionArn, "connectionArn");
  }
}
