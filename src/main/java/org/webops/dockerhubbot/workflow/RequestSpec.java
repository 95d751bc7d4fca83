package org.webops.dockerhubbot.workflow;

import java.util.List;
import java.util.Optional;

/**
 * What a requester asked for, already validated.
 *
 * @param pipeline the CircleCI project slug, such as {@code gh/org/repo}
 * @param repositories the repository paths an organisation token may pull; empty for service users
 * @param circleciContext a context to write to, or empty for project environment variables
 */
public record RequestSpec(
    String pipeline,
    CredentialKind kind,
    TokenScope scope,
    List<String> repositories,
    Optional<String> circleciContext,
    String userVariable,
    String tokenVariable,
    int lifetimeDays,
    String reason) {

  public RequestSpec {
    repositories = List.copyOf(repositories);
  }
}
