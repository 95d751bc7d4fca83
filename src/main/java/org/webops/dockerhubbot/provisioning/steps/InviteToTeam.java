package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import static org.webops.dockerhubbot.text.Prose.code;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.webops.dockerhubbot.dockerhub.InviteResult;
import org.webops.dockerhubbot.dockerhub.OrganisationClient;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;

/**
 * Service user, step 6: invites the Docker ID into the organisation with the team, unless it is a
 * member or invited already. Docker Hub answers each invitee with a status: a refused invitation
 * fails the step with the reason instead of being waited for. Accepting the invitation has no
 * API: the next step waits for it.
 */
public final class InviteToTeam implements Step {
  static final String ROLE = "member";
  static final String INVITED = "invited";
  static final String ALREADY_INVITED = "already_invited";
  static final String ALREADY_MEMBER = "existing_org_member";
  static final String INVALID = "invalid_email_or_docker_id";

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
    Prose.Code id = code(dockerId);
    Prose.Code where = code(settings.org() + "/" + settings.team());
    String wanted = dockerId.toLowerCase(Locale.ROOT);
    OrganisationClient organisation = apis.admin(run).organisation();
    boolean listed = organisation.listMembers(settings.org()).stream()
        .anyMatch(m -> wanted.equalsIgnoreCase(m.username()))
        || organisation.listInvites(settings.org()).stream()
            .anyMatch(i -> wanted.equalsIgnoreCase(i.invitee()));
    if (listed) {
      return StepResult.Done.with(id, " is already a member of ", code(settings.org()),
          " or invited");
    }
    List<InviteResult> results = organisation.bulkInvite(settings.org(), settings.team(), ROLE,
        List.of(dockerId));
    if (run.dryRun()) {
      return StepResult.Done.with("Dry run: would invite ", id, " into ", where);
    }
    String status = results.stream().filter(r -> wanted.equalsIgnoreCase(r.invitee()))
        .map(InviteResult::status).findFirst()
        .or(() -> results.size() == 1 ? Optional.ofNullable(results.get(0).status())
            : Optional.empty())
        .orElse("");
    return switch (status) {
      case INVITED, ALREADY_INVITED -> StepResult.Done.with("Invited ", id, " into ", where,
          "; Docker Hub mails the invitation to ", code(run.requireFact(Facts.EMAIL)));
      case ALREADY_MEMBER -> StepResult.Done.with(id, " is already a member of ",
          code(settings.org()));
      case INVALID -> new StepResult.Failed("Docker Hub will not invite " + dockerId + ": it"
          + " knows no such Docker ID (" + INVALID + "). Check that the account was signed up"
          + " with exactly this Docker ID, then Retry.");
      default -> new StepResult.Failed("Docker Hub did not confirm the invitation of " + dockerId
          + (status.isEmpty() ? " (no status for it in the answer)" : " (status \"" + status
              + "\")") + ". Check the organisation's invitations in Docker Hub, then Retry.");
    };
  }
}
