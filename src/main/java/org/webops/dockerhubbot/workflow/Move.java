package org.webops.dockerhubbot.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.notices.Notice;

/**
 * One making of a {@link Transition}: by whom and when, what its audit row says, what the mover
 * said (a rejection's or revocation's reason), anything else it tells (a run's own events), all
 * committed with it, and what the operation it opens is asked to do (link the new token).
 */
public record Move(String by, Instant at, String detail, String note, List<Notice> alsoTells,
    Optional<String> linkTo) {
  public static final String BOT = "bot";

  public Move {
    alsoTells = List.copyOf(alsoTells);
  }

  public static Move by(String user, Instant at, String detail) {
    return new Move(user, at, detail, "", List.of(), Optional.empty());
  }

  public static Move ofBot(Instant at, String detail) {
    return by(BOT, at, detail);
  }

  public Move noting(String what) {
    return new Move(by, at, detail, what, alsoTells, linkTo);
  }

  public Move alsoTelling(Notice... notices) {
    return new Move(by, at, detail, note, List.of(notices), linkTo);
  }

  /** The operation this move opens hands the new token to this approver in a one-time link. */
  public Move linkingTo(String approver) {
    return new Move(by, at, detail, note, alsoTells, Optional.of(approver));
  }
}
