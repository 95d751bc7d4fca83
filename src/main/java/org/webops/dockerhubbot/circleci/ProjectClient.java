package org.webops.dockerhubbot.circleci;

import java.util.Optional;
import org.webops.dockerhubbot.http.NotFoundException;

/** CircleCI projects. */
public final class ProjectClient {

  static final String PROJECT = "/project/{project-slug}";

  private final CircleCiCalls calls;

  ProjectClient(CircleCiCalls calls) {
    this.calls = calls;
  }

  /**
   * {@code GET /project/{project-slug}}.
   *
   * @throws NotFoundException when the project does not exist or the token cannot see it
   */
  public Project get(ProjectSlug slug) {
    return calls.read(calls.request(PROJECT, slug.value()), Project.class);
  }

  /** The project, or empty when CircleCI answers 404 (unknown, or no access with this token). */
  public Optional<Project> find(ProjectSlug slug) {
    try {
      return Optional.of(get(slug));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
