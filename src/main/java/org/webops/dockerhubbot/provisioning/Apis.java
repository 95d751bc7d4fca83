package org.webops.dockerhubbot.provisioning;

import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.dockerhub.DockerHubClient;
import org.webops.dockerhubbot.dockerhub.DockerHubCredential;

/**
 * The API clients a run uses, live and dry-run (a request approved as a dry run never writes,
 * even if the bot runs live by the time it is resumed), each fenced by the run's lease: a run
 * that lost its lease makes no further call.
 */
public record Apis(DockerHubClient hub, DockerHubClient dryHub, CircleCiClient circleci,
    CircleCiClient dryCircleci) {

  /** Docker Hub as the admin credential. */
  public DockerHubClient admin(RunContext run) {
    return (run.dryRun() ? dryHub : hub).fenced(run.lease());
  }

  /** Docker Hub as a service user. */
  public DockerHubClient as(DockerHubCredential.Password user, RunContext run) {
    return admin(run).forCredential(user);
  }

  public CircleCiClient circleci(RunContext run) {
    return (run.dryRun() ? dryCircleci : circleci).fenced(run.lease());
  }
}
