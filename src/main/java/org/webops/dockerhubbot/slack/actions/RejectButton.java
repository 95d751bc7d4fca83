package org.webops.dockerhubbot.slack.actions;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.logs.LogContext;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.DecisionReplies;
import org.webops.dockerhubbot.slack.SlackCallFailedException;
import org.webops.dockerhubbot.slack.SlackMessenger;
import org.webops.dockerhubbot.slack.blocks.RejectModal;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * Reject on the card opens a modal for the reason (views.open before the ack, while the trigger
 * id lives). The approver check happens when the reason is submitted.
 */
public final class RejectButton implements BlockActionHandler {
  private static final Logger log = LoggerFactory.getLogger(RejectButton.class);

  private final RequestRepository requests;
  private final SlackMessenger messenger;
  private final AsyncWork async;

  public RejectButton(RequestRepository requests, SlackMessenger messenger, AsyncWork async) {
    this.requests = requests;
    this.messenger = messenger;
    this.async = async;
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
    if (found.isEmpty() || !Transition.REJECT.startsFrom(found.get().state())) {
      String text = found.map(DecisionReplies::alreadyDecided)
          .orElse("I can't find request #" + requestId + ".");
      async.run("replying to a reject click", () -> CardButton.respond(ctx, text));
      return ctx.ack();
    }
    try {
      messenger.openView(request.getPayload().getTriggerId(), RejectModal.build(found.get()));
    } catch (SlackCallFailedException e) {
      log.warn("views.open for the reject modal failed: {}", e.getMessage());
      async.run("replying to a reject click", () -> CardButton.respond(ctx,
          ":warning: I could not open the reject form. Please try again."));
    }
    return ctx.ack();
  }
}
