package org.webops.dockerhubbot.provisioning;

/**
 * One step of a run, one side effect. A step first looks whether its effect already exists, then
 * acts, and says what it did; the runner stores the result. Running a step twice never makes a
 * second token, invite or variable.
 */
public interface Step {
  StepId id();

  /**
   * @throws org.webops.dockerhubbot.http.ApiException when an API call fails; the runner tries
   *     again a few times when the failure is transient and fails the step otherwise
   */
  StepResult run(RunContext run);
}
