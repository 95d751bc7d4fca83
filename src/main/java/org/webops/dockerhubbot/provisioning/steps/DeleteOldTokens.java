package org.webops.dockerhubbot.provisioning.steps;

import java.util.List;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenKind;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.workflow.CredentialKind;

/**
 * Rotation: deletes the credential's tokens that earlier operations made (only those recorded for
 * it), now that CircleCI holds the new one and the grace period is over.
 */
public final class DeleteOldTokens implements Step {
  private final TokenApis apis;
  private final CredentialTokens tokens;

  public DeleteOldTokens(Apis apis, KeptSecrets kept, CredentialStore store, FreshTokens held,
      ProvisioningSettings settings) {
    this.apis = new TokenApis(apis, kept, store, settings);
    this.tokens = new CredentialTokens(store, held);
  }

  @Override
  public StepId id() {
    return StepId.DELETE_OLD_TOKENS;
  }

  @Override
  public StepResult run(RunContext run) {
    boolean org = run.request().spec().kind() == CredentialKind.ORG_TOKEN;
    TokenApi api = org ? apis.orgTokens(run) : apis.personalTokens(run).orElseThrow(
        () -> new IllegalStateException("the password of request #" + run.requestId()
            + " is not kept: the old token cannot be deleted as its user"));
    List<Prose> lines = tokens.delete(run, org ? TokenKind.ORG_TOKEN : TokenKind.PERSONAL_TOKEN,
        api, record -> !CredentialTokens.madeBy(record, run));
    return lines.isEmpty() ? StepResult.Done.with("No older token was left to delete")
        : new StepResult.Done(java.util.Map.of(), lines);
  }
}
