package org.webops.dockerhubbot.provisioning;

/** Hands a service user's sign-up details (Docker ID, e-mail address, password) to a person. */
public interface SignUpDetails {
  /** Sends {@code user} a new one-time link with the details, with the sign-up steps. */
  void sendTo(RunContext run, String user);
}
