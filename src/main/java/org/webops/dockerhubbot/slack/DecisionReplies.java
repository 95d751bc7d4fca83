package org.webops.dockerhubbot.slack;

import java.util.Optional;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestService.DecisionOutcome;
import org.webops.dockerhubbot.workflow.RequestState;

/** Words what became of an approve or reject click, for the clicker alone. */
public final class DecisionReplies {
  private DecisionReplies() {}

  /** @return the text to show the clicker alone, or empty when the card says it all */
  public static Optional<String> to(DecisionOutcome outcome) {
    if (outcome instanceof DecisionOutcome.Decided) {
      return Optional.empty();
    }
    if (outcome instanceof DecisionOutcome.NotAllowed notAllowed) {
      return Optional.of(":no_entry: " + notAllowed.message());
    }
    if (outcome instanceof DecisionOutcome.AlreadyDecided already) {
      return Optional.of(alreadyDecided(already.request()));
    }
    return Optional.of("I can't find request #" + ((DecisionOutcome.NotFound) outcome).requestId() + ".");
  }

  public static String alreadyDecided(ProvisioningRequest request) {
    String by = request.decision().map(d -> " by " + SlackText.user(d.by())).orElse("");
    if (request.state() == RequestState.REJECTED || request.state() == RequestState.APPROVED) {
      return "Request #" + request.id() + " is already "
          + request.state().name().toLowerCase() + by + ".";
    }
    return "Request #" + request.id() + " was already approved" + by + " and is now "
        + request.state().name().toLowerCase().replace('_', ' ') + ".";
  }
}
