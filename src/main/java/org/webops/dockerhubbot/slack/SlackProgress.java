package org.webops.dockerhubbot.slack;

import org.webops.dockerhubbot.notices.NoticeRelay;
import org.webops.dockerhubbot.workflow.Progress;

/**
 * A run's progress in Slack: the card is rewritten (bursts coalesced) and the notices the run
 * just committed are delivered, off the run's path. A Slack failure here never stops a run; the
 * card sweep and the outbox catch up later.
 */
public final class SlackProgress implements Progress {
  private final CardUpdates cards;
  private final NoticeRelay notices;

  public SlackProgress(CardUpdates cards, NoticeRelay notices) {
    this.cards = cards;
    this.notices = notices;
  }

  @Override
  public void changed(long requestId) {
    cards.changed(requestId);
    notices.nudge();
  }
}
