package org.webops.dockerhubbot.provisioning;

import java.util.List;
import org.webops.dockerhubbot.notices.NoticeEvent;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.workflow.OperationKind;

/** What a run tells people as it goes; the Slack edge words it. */
public sealed interface RunEvent extends NoticeEvent {

  /** For the thread: a step's effect exists now (or, in dry run, would). */
  record StepDone(StepId step, List<Prose> lines, boolean dryRun) implements RunEvent {
    public StepDone {
      lines = List.copyOf(lines);
    }
  }

  /** For the thread: a step waits, and for what. */
  record StepWaiting(StepId step, Prose detail) implements RunEvent {}

  /** For the requester: the run waits at this step for a person or for time. */
  record RunWaiting(StepId step) implements RunEvent {}

  /** For the thread: why a step failed. */
  record StepFailed(StepId step, String reason) implements RunEvent {}

  /** For the requester: the operation stopped at this step (kind empty in older notices). */
  record RunStopped(StepId step, OperationKind kind) implements RunEvent {}

  /** For the thread: the run goes back to an earlier step. */
  record WentBack(StepId to, Prose why) implements RunEvent {}

  /** For the thread: an approver had the sign-up details sent to them again. */
  record SignUpSentAgain(String to) implements RunEvent {}
}
