package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import static org.webops.dockerhubbot.text.Prose.code;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;

/**
 * Service user, step 1: a Docker ID from the pipeline's name (a number appended when the bot has
 * given that name out before), a random password kept encrypted, and the e-mail alias.
 */
public final class GenerateIdentity implements Step {
  static final int MAX_CANDIDATES = 99;

  private final CredentialStore credentials;
  private final KeptSecrets kept;
  private final Passwords passwords;
  private final ProvisioningSettings settings;

  public GenerateIdentity(CredentialStore credentials, KeptSecrets kept, SecureRandom random,
      ProvisioningSettings settings) {
    this.credentials = credentials;
    this.kept = kept;
    this.passwords = new Passwords(random);
    this.settings = settings;
  }

  @Override
  public StepId id() {
    return StepId.GENERATE_IDENTITY;
  }

  @Override
  public StepResult run(RunContext run) {
    long id = run.requestId();
    String dockerId = credentials.dockerIdOf(id).orElseGet(() -> reserve(run));
    if (kept.read(id, KeptSecrets.SERVICE_USER_PASSWORD).isEmpty()) {
      run.lease().check();
      kept.keep(id, KeptSecrets.SERVICE_USER_PASSWORD, passwords.generate());
    }
    String email = settings.emailOf(dockerId);
    return new StepResult.Done(Map.of(Facts.DOCKER_ID, dockerId, Facts.EMAIL, email), List.of(
        Prose.of("Docker ID ", code(dockerId), ", e-mail alias ", code(email), ", a "
            + Passwords.LENGTH + "-character random password (kept encrypted for token"
            + " rotations)")));
  }

  private String reserve(RunContext run) {
    String base = DockerIds.base(run.request().spec().pipeline());
    for (int n = 1; n <= MAX_CANDIDATES; n++) {
      String candidate = DockerIds.candidate(base, n);
      if (credentials.reserveDockerId(candidate, run.requestId())) {
        return candidate;
      }
    }
    throw new IllegalStateException("the Docker IDs " + base + " to " + base + MAX_CANDIDATES
        + " are all taken by earlier requests");
  }
}
