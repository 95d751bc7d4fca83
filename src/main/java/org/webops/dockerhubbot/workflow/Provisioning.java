package org.webops.dockerhubbot.workflow;

/**
 * The workflow entry point: takes an approved request and carries out its steps. Called once per
 * approval, after the decision is stored.
 */
public interface Provisioning {
  void start(ProvisioningRequest approved);
}
