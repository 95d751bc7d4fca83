package org.webops.dockerhubbot.provisioning.steps;

import static org.webops.dockerhubbot.text.Prose.code;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;
import org.webops.dockerhubbot.text.Prose;

/**
 * Revocation of a service user, last: the kept password is destroyed, and the thread says how to
 * deactivate the Docker ID by hand (Docker Hub has no API to delete an account).
 */
public final class ForgetPassword implements Step {
  static final String DEACTIVATE_DOCS = "https://docs.docker.com/accounts/deactivate-user-account/";
  static final String SIGN_IN = "https://app.docker.com/login";

  private final KeptSecrets kept;
  private final CredentialStore credentials;

  public ForgetPassword(KeptSecrets kept, CredentialStore credentials) {
    this.kept = kept;
    this.credentials = credentials;
  }

  @Override
  public StepId id() {
    return StepId.FORGET_PASSWORD;
  }

  @Override
  public StepResult run(RunContext run) {
    if (!run.dryRun()) {
      run.lease().check();
      kept.forget(run.requestId(), KeptSecrets.SERVICE_USER_PASSWORD);
    }
    Optional<String> dockerId = credentials.dockerIdOf(run.requestId());
    Prose destroyed = Prose.of(run.dryRun() ? "Dry run: would destroy" : "Destroyed",
        " the kept password");
    if (dockerId.isEmpty()) {
      return new StepResult.Done(Map.of(), List.of(destroyed));
    }
    return new StepResult.Done(Map.of(), List.of(destroyed, Prose.of("Docker Hub has no API to"
        + " delete an account. To deactivate ", code(dockerId.get()), ", sign in as it at "
        + SIGN_IN + " with the password from the webops password manager, open ",
        Prose.strong("Account settings"), ", choose ", Prose.strong("Deactivate"), " and confirm"
        + " (" + DEACTIVATE_DOCS + ").")));
  }
}
