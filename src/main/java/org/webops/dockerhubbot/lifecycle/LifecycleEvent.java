package org.webops.dockerhubbot.lifecycle;

import java.time.Duration;
import java.time.Instant;
import org.webops.dockerhubbot.notices.NoticeEvent;

/** What the bot says by itself as time passes. */
public sealed interface LifecycleEvent extends NoticeEvent {

  /**
   * For the thread: a request has waited this long for a decision.
   *
   * @param approverGroup the user group to mention when one approves, else empty
   */
  record PendingReminder(Duration waited, String approverGroup) implements LifecycleEvent {}

  /**
   * For the thread and the requester: the token expires soon and nothing rotates it by itself.
   *
   * @param rotationFailed an automatic rotation was tried and failed
   */
  record ExpiryReminder(Instant expiresAt, long daysLeft, boolean rotationFailed)
      implements LifecycleEvent {}
}
