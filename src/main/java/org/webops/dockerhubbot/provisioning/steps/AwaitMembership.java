package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import static org.webops.dockerhubbot.text.Prose.code;
import java.util.Locale;
import java.util.Optional;
import org.webops.dockerhubbot.dockerhub.OrganisationClient;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.provisioning.WaitFor;

/**
 * Service user, step 6 continued: done once the Docker ID is in the team. Until then it waits,
 * and the bot looks again after growing pauses (bounded), or at once on "Check now". A member of
 * the organisation who is not in the team yet is added to it.
 */
public final class AwaitMembership implements Step {
  static final Prose.Strong CHECK_NOW = Prose.strong("Check now");

  private final Apis apis;
  private final ProvisioningSettings settings;

  public AwaitMembership(Apis apis, ProvisioningSettings settings) {
    this.apis = apis;
    this.settings = settings;
  }

  @Override
  public StepId id() {
    return StepId.AWAIT_MEMBERSHIP;
  }

  @Override
  public StepResult run(RunContext run) {
    String dockerId = run.requireFact(Facts.DOCKER_ID);
    Prose.Code id = code(dockerId);
    Prose.Code team = code(settings.org() + "/" + settings.team());
    if (run.dryRun()) {
      return StepResult.Done.with("Dry run: would wait until ", id, " accepts the invitation"
          + " and is in ", team);
    }
    OrganisationClient organisation = apis.admin(run).organisation();
    if (organisation.isTeamMember(settings.org(), settings.team(), dockerId)) {
      return StepResult.Done.with(id, " is a member of ", team);
    }
    String wanted = dockerId.toLowerCase(Locale.ROOT);
    // An invitee is listed among the members with the role Invitee: not accepted yet.
    boolean member = organisation.listMembers(settings.org()).stream()
        .anyMatch(m -> !m.isInvitee() && m.username() != null
            && wanted.equals(m.username().toLowerCase(Locale.ROOT)));
    if (member) {
      organisation.addTeamMember(settings.org(), settings.team(), dockerId);
      if (!organisation.isTeamMember(settings.org(), settings.team(), dockerId)) {
        return new StepResult.Failed("Docker Hub accepted adding " + dockerId + " to "
            + settings.org() + "/" + settings.team() + " but does not list it in the team."
            + " Add it by hand in Docker Hub, then Retry.");
      }
      return StepResult.Done.with(id, " accepted the invitation; added it to ", team);
    }
    Prose ask = Prose.of("Waiting for ", id, " to accept the invitation to ", team, ": in the"
        + " team mailbox, open Docker Hub's invitation to ", code(run.requireFact(Facts.EMAIL)),
        ", sign in as ", id, " with the password from the sign-up link and accept it.");
    if (run.polls() >= settings.maxPolls()) {
      return new StepResult.Waiting(ask.then(" I have stopped looking by myself; click ",
          CHECK_NOW, " once it is accepted."), WaitFor.POLL, Optional.empty());
    }
    return new StepResult.Waiting(ask.then(" I look again by myself every little while, or"
        + " click ", CHECK_NOW, "."), WaitFor.POLL, Optional.of(settings.pollDelay(run.polls())));
  }
}
