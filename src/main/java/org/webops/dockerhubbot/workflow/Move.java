package org.webops.dockerhubbot.workflow;

import java.time.Instant;
import java.util.List;
import org.webops.dockerhubbot.notices.Notice;

/**
 * One making of a {@link Transition}: by whom and when, what its audit row says, what the mover
 * said (a rejection's reason), and anything else it tells (a run's own events), all committed
 * with it.
 */
public record Move(String by, Instant at, String detail, String note, List<Notice> alsoTells) {
  public static final String BOT = "bot";

  public Move {
    alsoTells = List.copyOf(alsoTells);
  }

  public static Move by(String user, Instant at, String detail) {
    return new Move(user, at, detail, "", List.of());
  }

  public static Move ofBot(Instant at, String detail) {
    return by(BOT, at, detail);
  }

  public Move noting(String what) {
    return new Move(by, at, detail, what, alsoTells);
  }

  public Move alsoTelling(Notice... notices) {
    return new Move(by, at, detail, note, List.of(notices));
  }
}
