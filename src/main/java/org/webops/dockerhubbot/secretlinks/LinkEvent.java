package org.webops.dockerhubbot.secretlinks;

import java.time.Instant;
import org.webops.dockerhubbot.notices.NoticeEvent;

/** What a request's thread hears of its one-time links. */
public sealed interface LinkEvent extends NoticeEvent {

  /** Revealed once, and gone from the server. */
  record LinkOpened(Instant at) implements LinkEvent {}

  /**
   * Reached its expiry unclaimed and deleted.
   *
   * @param signUp it carried sign-up details, which can be sent again
   */
  record LinkExpired(boolean signUp, String pipeline) implements LinkEvent {}
}
