package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import static org.webops.dockerhubbot.text.Prose.code;
import java.util.Locale;
import org.webops.dockerhubbot.dockerhub.DockerHubCredential;
import org.webops.dockerhubbot.dockerhub.TwoFactorRequiredException;
import org.webops.dockerhubbot.http.ApiException;
import org.webops.dockerhubbot.http.ForbiddenException;
import org.webops.dockerhubbot.http.UnauthorizedException;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.provisioning.Trigger;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;

/**
 * Service user, step 3: when the approver says the sign-up is done, logs in as the new user. A
 * refused login keeps the step open with the reason; the bot never logs in on its own, because
 * failed logins can lock the name for ten minutes.
 */
public final class VerifySignUp implements Step {
  static final Prose.Strong BUTTON = Prose.strong("Account created and e-mail verified");

  private final Apis apis;
  private final KeptSecrets kept;

  public VerifySignUp(Apis apis, KeptSecrets kept) {
    this.apis = apis;
    this.kept = kept;
  }

  @Override
  public StepId id() {
    return StepId.VERIFY_SIGN_UP;
  }

  @Override
  public StepResult run(RunContext run) {
    String dockerId = run.requireFact(Facts.DOCKER_ID);
    Prose.Code id = code(dockerId);
    if (run.dryRun()) {
      return StepResult.Done.with("Dry run: would wait for the sign-up of ", id,
          " and check it by logging in");
    }
    if (!(run.trigger() instanceof Trigger.Person)) {
      return StepResult.Waiting.forPerson("Waiting for ", Prose.person(run.approver()),
          " to sign up ", id, " on Docker Hub and verify its e-mail, then click ", BUTTON, ".");
    }
    String password = KeptPassword.of(kept, run);
    try {
      apis.as(new DockerHubCredential.Password(dockerId, password), run).logins().verify();
    } catch (TwoFactorRequiredException e) {
      return StepResult.Waiting.forPerson(id, " has two-factor authentication turned on, so"
          + " the bot cannot sign in as it. Turn it off (Account settings → Security), then"
          + " click ", BUTTON, " again.");
    } catch (UnauthorizedException | ForbiddenException e) {
      return StepResult.Waiting.forPerson(refused(e, id, run.requireFact(Facts.EMAIL)));
    }
    return StepResult.Done.with("Signed in as ", id, ": the account exists and accepts the"
        + " password from the link");
  }

  private static Prose refused(ApiException e, Prose.Code id, String email) {
    String message = e.apiMessage() == null ? "" : e.apiMessage().toLowerCase(Locale.ROOT);
    if (message.contains("verif") || message.contains("activat") || message.contains("confirm")) {
      return Prose.of("The e-mail of ", id, " is not verified yet. Open Docker Hub's"
          + " verification mail to ", code(email), " in the team mailbox, follow its link, then"
          + " click ", BUTTON, " again.");
    }
    return Prose.of("Docker Hub refused the login as ", id, " (" + e.status() + "). Either no"
        + " account ", id, " exists yet (sign up with exactly this Docker ID), or its password"
        + " is not the one from the sign-up link (set it to that one). Then click ", BUTTON,
        " again.");
  }
}
