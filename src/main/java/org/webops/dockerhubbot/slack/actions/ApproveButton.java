package org.webops.dockerhubbot.slack.actions;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import java.io.IOException;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.DecisionReplies;
import org.webops.dockerhubbot.workflow.RequestService;

/**
 * Approve on the card. Acks at once; the approver check, the compare-and-set and the card update
 * run on the executor, and a refusal goes back to the clicker alone through the response URL.
 */
public final class ApproveButton implements BlockActionHandler {
  private final RequestService service;
  private final DecisionReplies replies;
  private final AsyncWork async;

  public ApproveButton(RequestService service, DecisionReplies replies, AsyncWork async) {
    this.service = service;
    this.replies = replies;
    this.async = async;
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext ctx) {
    String user = request.getPayload().getUser().getId();
    long requestId = ButtonValues.requestId(request);
    async.run("approving request #" + requestId, () ->
        replies.handle(service.approve(requestId, user)).ifPresent(text -> respond(ctx, text)));
    return ctx.ack();
  }

  static void respond(ActionContext ctx, String text) {
    try {
      ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
