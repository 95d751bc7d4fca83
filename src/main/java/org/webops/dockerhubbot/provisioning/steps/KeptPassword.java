package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;

/** The service user's password, kept encrypted since the first step made it. */
final class KeptPassword {
  private KeptPassword() {}

  static String of(KeptSecrets kept, RunContext run) {
    return kept.read(run.requestId(), KeptSecrets.SERVICE_USER_PASSWORD).orElseThrow(
        () -> new IllegalStateException("the generated password of request #" + run.requestId()
            + " is not kept"));
  }
}
