package org.webops.dockerhubbot.provisioning.steps;

import static org.webops.dockerhubbot.text.Prose.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.dockerhub.OrgInvite;
import org.webops.dockerhubbot.dockerhub.OrganisationClient;
import org.webops.dockerhubbot.http.NotFoundException;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.text.Prose;

/**
 * Revocation of a service user: cancels a pending invitation and removes the member from the
 * organisation, which takes it out of every team.
 */
public final class RemoveMembership implements Step {
  private final Apis apis;
  private final CredentialStore credentials;
  private final ProvisioningSettings settings;

  public RemoveMembership(Apis apis, CredentialStore credentials,
      ProvisioningSettings settings) {
    this.apis = apis;
    this.credentials = credentials;
    this.settings = settings;
  }

  @Override
  public StepId id() {
    return StepId.REMOVE_MEMBERSHIP;
  }

  @Override
  public StepResult run(RunContext run) {
    Optional<String> dockerId = credentials.dockerIdOf(run.requestId());
    if (dockerId.isEmpty()) {
      return StepResult.Done.with("No Docker ID was given out for this request");
    }
    Prose.Code id = code(dockerId.get());
    OrganisationClient organisation = apis.admin(run).organisation();
    List<Prose> lines = new ArrayList<>();
    for (OrgInvite invite : organisation.listInvites(settings.org())) {
      if (dockerId.get().equalsIgnoreCase(invite.invitee())) {
        organisation.deleteInvite(invite.id());
        lines.add(Prose.of(run.dryRun() ? "Dry run: would cancel" : "Cancelled",
            " the pending invitation of ", id));
      }
    }
    try {
      organisation.removeMember(settings.org(), dockerId.get());
      lines.add(Prose.of(run.dryRun() ? "Dry run: would remove " : "Removed ", id, " from ",
          code(settings.org()), " and its teams"));
    } catch (NotFoundException e) {
      lines.add(Prose.of(id, " was not a member of ", code(settings.org())));
    }
    return new StepResult.Done(Map.of(), lines);
  }
}
