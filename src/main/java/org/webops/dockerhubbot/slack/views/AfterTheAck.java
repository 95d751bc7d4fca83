package org.webops.dockerhubbot.slack.views;

import java.util.function.Supplier;
import org.webops.dockerhubbot.lifecycle.CredentialActions.Outcome;
import org.webops.dockerhubbot.logs.LogContext;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.LifecycleReplies;
import org.webops.dockerhubbot.slack.SlackMessenger;

/**
 * What the rotation and revocation confirmations do once their fields are read: the action (and
 * its approver check) runs after the ack, and the clicker hears what came of it by direct
 * message, since a modal has no channel of its own.
 */
final class AfterTheAck {
  private final SlackMessenger messenger;
  private final AsyncWork async;

  AfterTheAck(SlackMessenger messenger, AsyncWork async) {
    this.messenger = messenger;
    this.async = async;
  }

  /** @param doing e.g. "Rotating": the reply's first word when the action started */
  void run(long requestId, String user, String doing, Supplier<Outcome> action) {
    try (LogContext.Scope scope = LogContext.request(requestId)) {
      async.run(doing.toLowerCase() + " request #" + requestId, () -> messenger.direct(user,
          LifecycleReplies.to(action.get(), doing + " request #" + requestId
              + ": its card and thread show how it goes."), null));
    }
  }
}
