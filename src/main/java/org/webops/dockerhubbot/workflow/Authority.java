package org.webops.dockerhubbot.workflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a user is to a request: its requester, an approver (another webops member), or neither.
 * Asked on every click, before anything changes; {@link Transition} says which may do what.
 */
public final class Authority {
  private static final Logger log = LoggerFactory.getLogger(Authority.class);

  /** Where a user stands with one request. */
  public sealed interface Standing {
    /** The requester: never an approver of their own request, whoever they are. */
    record Requester() implements Standing {}

    record Approver() implements Standing {}

    /** Neither the requester nor an approver. */
    record Outsider() implements Standing {}

    /** Approvers cannot be told now; {@code why} is for the person who clicked. */
    record Unknown(String why) implements Standing {}
  }

  private final Approvers approvers;

  public Authority(Approvers approvers) {
    this.approvers = approvers;
  }

  public Standing of(ProvisioningRequest request, String user) {
    if (request.requester().equals(user)) {
      return new Standing.Requester();
    }
    return of(user);
  }

  /** Where a user stands for something that is no request's (a drift check): never requester. */
  public Standing of(String user) {
    try {
      return approvers.isApprover(user) ? new Standing.Approver() : new Standing.Outsider();
    } catch (ApproversUnavailableException e) {
      return new Standing.Unknown(e.getMessage());
    } catch (RuntimeException e) {
      log.warn("Could not check whether {} is an approver: {}", user, e.getMessage());
      return new Standing.Unknown("I could not check the approver group with Slack just now, so"
          + " nothing changed. Please try again in a minute.");
    }
  }

  /** Where the user stands if that is known without asking Slack; empty otherwise. */
  public java.util.Optional<Standing> ifKnown(ProvisioningRequest request, String user) {
    if (request.requester().equals(user)) {
      return java.util.Optional.of(new Standing.Requester());
    }
    return approvers.isApproverIfKnown(user)
        .map(approver -> approver ? new Standing.Approver() : new Standing.Outsider());
  }

  /** Whether someone standing so may act as {@code role}. */
  public static boolean holds(Standing standing, Role role) {
    return switch (role) {
      case REQUESTER -> standing instanceof Standing.Requester;
      case APPROVER -> standing instanceof Standing.Approver;
      case BOT -> false;
    };
  }
}
