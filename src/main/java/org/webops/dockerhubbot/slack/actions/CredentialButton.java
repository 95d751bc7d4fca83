package org.webops.dockerhubbot.slack.actions;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.logs.LogContext;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.SlackCallFailedException;
import org.webops.dockerhubbot.slack.SlackMessenger;
import org.webops.dockerhubbot.lifecycle.CredentialActions;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.Transition;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Rotate or Revoke, wherever a credential is shown (the card, a reminder, the App Home, a drift
 * report): opens the confirmation modal (views.open before the ack, while the trigger id lives).
 * Who may do it is checked when the modal is submitted.
 */
public final class CredentialButton implements BlockActionHandler {
  private static final Logger log = LoggerFactory.getLogger(CredentialButton.class);

  private final String actionId;
  private final Transition move;
  private final String verb;
  private final Set<RequestState> from;
  private final Function<ProvisioningRequest, View> modal;
  private final RequestRepository requests;
  private final CredentialActions actions;
  private final SlackMessenger messenger;
  private final AsyncWork async;

  /** @param from the states in which the modal opens at all */
  public CredentialButton(String actionId, Transition move, Set<RequestState> from,
      Function<ProvisioningRequest, View> modal, RequestRepository requests,
      CredentialActions actions, SlackMessenger messenger, AsyncWork async) {
    this.actionId = actionId;
    this.move = move;
    this.verb = move.name().toLowerCase();
    this.actions = actions;
    this.from = Set.copyOf(from);
    this.modal = modal;
    this.requests = requests;
    this.messenger = messenger;
    this.async = async;
  }

  public String actionId() {
    return actionId;
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext ctx) {
    long requestId = ButtonValues.requestId(request);
    try (LogContext.Scope scope = LogContext.request(requestId)) {
      return handle(requestId, request, ctx);
    }
  }

  private Response handle(long requestId, BlockActionRequest request, ActionContext ctx) {
    Optional<ProvisioningRequest> found = requests.find(requestId);
    if (found.isEmpty() || !from.contains(found.get().state())) {
      String text = found.map(r -> "Request #" + requestId + " is " + r.state().words()
          + ", so there is nothing to " + verb + ".")
          .orElse("I can't find request #" + requestId + ".");
      async.run("replying to a " + verb + " click", () -> CardButton.respond(ctx, text));
      return ctx.ack();
    }
    Optional<String> refused = actions.refusedBeforeConfirmation(found.get(),
        request.getPayload().getUser().getId(), move);
    if (refused.isPresent()) {
      async.run("replying to a " + verb + " click",
          () -> CardButton.respond(ctx, ":no_entry: " + refused.get()));
      return ctx.ack();
    }
    try {
      messenger.openView(request.getPayload().getTriggerId(), modal.apply(found.get()));
    } catch (SlackCallFailedException e) {
      log.warn("views.open for the {} modal failed: {}", verb, e.getMessage());
      async.run("replying to a " + verb + " click", () -> CardButton.respond(ctx,
          ":warning: I could not open the " + verb + " form. Please try again."));
    }
    return ctx.ack();
  }
}
