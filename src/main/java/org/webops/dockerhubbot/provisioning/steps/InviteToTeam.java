package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.http.Ensured;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.slack.blocks.SlackText;

/**
 * Service user, step 6: invites the Docker ID into the organisation with the team, unless it is a
 * member or invited already. Accepting the invitation has no API: the next step waits for it.
 */
public final class InviteToTeam implements Step {
  static final String ROLE = "member";

  private final Apis apis;
  private final ProvisioningSettings settings;

  public InviteToTeam(Apis apis, ProvisioningSettings settings) {
    this.apis = apis;
    this.settings = settings;
  }

  @Override
  public StepId id() {
    return StepId.INVITE_TO_TEAM;
  }

  @Override
  public StepResult run(RunContext run) {
    String dockerId = run.requireFact(Facts.DOCKER_ID);
    String where = SlackText.code(settings.org() + "/" + settings.team());
    Ensured<String> invited = apis.admin(run)
        .ensureInvited(settings.org(), settings.team(), ROLE, dockerId);
    if (!invited.created()) {
      return StepResult.Done.with(SlackText.code(dockerId) + " is already a member of "
          + SlackText.code(settings.org()) + " or invited");
    }
    return StepResult.Done.with((run.dryRun() ? "Dry run: would invite " : "Invited ")
        + SlackText.code(dockerId) + " into " + where + "; Docker Hub mails the invitation to "
        + SlackText.code(run.requireFact(Facts.EMAIL)));
  }
}
