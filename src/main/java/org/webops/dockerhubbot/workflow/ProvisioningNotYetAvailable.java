package org.webops.dockerhubbot.workflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Until the provisioning steps exist, an approval is recorded and stays {@code APPROVED}. */
public final class ProvisioningNotYetAvailable implements Provisioning {
  private static final Logger log = LoggerFactory.getLogger(ProvisioningNotYetAvailable.class);

  @Override
  public void start(ProvisioningRequest approved) {
    log.info("Request #{} approved; it stays APPROVED until provisioning steps are available",
        approved.id());
  }
}
