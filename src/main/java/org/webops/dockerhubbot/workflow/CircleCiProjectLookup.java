package org.webops.dockerhubbot.workflow;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.circleci.Project;
import org.webops.dockerhubbot.circleci.ProjectSlug;
import org.webops.dockerhubbot.http.ApiException;

/**
 * Asks CircleCI whether a project exists ({@code GET /project/{slug}}), for the request form. The
 * client it is given must have a short call timeout and no retries: the form's ack waits for it.
 * CircleCI answers 404 both for "no such project" and "the token cannot see it".
 */
public final class CircleCiProjectLookup implements ProjectLookup {
  private static final Logger log = LoggerFactory.getLogger(CircleCiProjectLookup.class);

  private final CircleCiClient client;

  public CircleCiProjectLookup(CircleCiClient client) {
    this.client = client;
  }

  @Override
  public Answer lookup(String pipeline) {
    try {
      Optional<Project> project = client.projects().find(ProjectSlug.of(pipeline));
      if (project.isEmpty()) {
        return new Answer.Missing();
      }
      if (project.get().id() == null || project.get().id().isBlank()) {
        return new Answer.Unknown(); // it exists, but CircleCI did not say by which id
      }
      return new Answer.Found(new ProjectIds(project.get().id(),
          Optional.ofNullable(project.get().organizationId()).filter(id -> !id.isBlank())));
    } catch (ApiException e) {
      log.warn("Could not check CircleCI project {}: {}", pipeline, e.getMessage());
      return new Answer.Unknown();
    } catch (IllegalArgumentException e) {
      return new Answer.Unknown(); // a slug form CircleCI's client does not know; the form checked it
    }
  }
}
