package org.webops.dockerhubbot.provisioning;

import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.dockerhub.DockerHubClient;
import org.webops.dockerhubbot.dockerhub.DockerHubCredential;

/**
 * The API clients a run uses, live and dry-run: a request approved as a dry run never writes,
 * even if the bot runs live by the time it is resumed.
 */
public record Apis(DockerHubClient hub, DockerHubClient dryHub, CircleCiClient circleci,
    CircleCiClient dryCircleci) {

  /** Docker Hub as the admin credential. */
  public DockerHubClient admin(boolean dryRun) {
    return dryRun ? dryHub : hub;
  }

  /** Docker Hub as a service user. */
  public DockerHubClient as(DockerHubCredential.Password user, boolean dryRun) {
    return admin(dryRun).forCredential(user);
  }

  public CircleCiClient circleci(boolean dryRun) {
    return dryRun ? dryCircleci : circleci;
  }
}
