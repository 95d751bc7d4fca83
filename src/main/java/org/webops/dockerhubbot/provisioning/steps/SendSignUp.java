package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import static org.webops.dockerhubbot.text.Prose.code;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.SignUpDetails;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;
import org.webops.dockerhubbot.secretlinks.SecretPayload;

/**
 * Service user, step 2: no API signs up a Docker ID, so the approver who approved gets the
 * details through a one-time link, with short instructions, and the card a button to say it is
 * done.
 */
public final class SendSignUp implements Step, SignUpDetails {
  private final KeptSecrets kept;
  private final ApproverLinks links;

  public SendSignUp(KeptSecrets kept, ApproverLinks links) {
    this.kept = kept;
    this.links = links;
  }

  @Override
  public StepId id() {
    return StepId.SEND_SIGN_UP;
  }

  @Override
  public StepResult run(RunContext run) {
    String dockerId = run.requireFact(Facts.DOCKER_ID);
    Prose.Person approver = Prose.person(run.approver());
    if (run.dryRun()) {
      return StepResult.Done.with("Dry run: would send ", approver, " a one-time link with"
          + " the Docker ID, the e-mail alias and the password to sign up with");
    }
    sendTo(run, run.approver());
    return StepResult.Done.with("Sent ", approver, " a one-time link with the sign-up"
        + " details for ", code(dockerId));
  }

  /** Also for "Send the sign-up details again", to whichever approver clicks it. */
  @Override
  public void sendTo(RunContext run, String user) {
    String dockerId = run.requireFact(Facts.DOCKER_ID);
    String email = run.requireFact(Facts.EMAIL);
    String password = KeptPassword.of(kept, run);
    SecretPayload payload = new SecretPayload(SecretPayload.SIGN_UP_TITLE,
        run.request().spec().pipeline(), List.of(
            new SecretPayload.Field("Docker ID", dockerId),
            new SecretPayload.Field("E-mail address", email),
            new SecretPayload.Field("Password", password)), "");
    links.sendTo(user, run, payload, Prose.of(Prose.strong("Sign-up for request #"
        + run.requestId()), " (", code(run.request().spec().pipeline()), "): Docker Hub has no"
        + " API for this, so it is yours to do.\n"
        + "1. Open the link below and keep the page open.\n"
        + "2. Sign up at https://hub.docker.com/signup with exactly that Docker ID, e-mail"
        + " address and password.\n"
        + "3. Verify the e-mail: the mail goes to the team mailbox, addressed to ", code(email),
        ".\n"
        + "4. Leave two-factor authentication off: the bot signs in as this user to make"
        + " its token.\n"
        + "5. Click ", Prose.strong("Account created and e-mail verified"), " on the request's"
        + " card."), Optional.of(SecretPayload.SIGN_UP_TITLE));
  }
}
