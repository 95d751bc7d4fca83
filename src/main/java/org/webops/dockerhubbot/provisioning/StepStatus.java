package org.webops.dockerhubbot.provisioning;

/** Where one step is; a step that has not started has no record at all. */
public enum StepStatus {
  RUNNING,
  DONE,
  WAITING,
  FAILED
}
