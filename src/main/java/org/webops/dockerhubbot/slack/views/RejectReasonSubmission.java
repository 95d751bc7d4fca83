package org.webops.dockerhubbot.slack.views;

import static org.webops.dockerhubbot.slack.blocks.SlackIds.REJECT_REASON_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REJECT_REASON_BLOCK;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.logs.LogContext;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.DecisionReplies;
import org.webops.dockerhubbot.slack.SlackMessenger;
import org.webops.dockerhubbot.slack.blocks.RejectModal;
import org.webops.dockerhubbot.workflow.RequestService;

/**
 * The reject modal's submission. A missing reason is answered on the field; everything else
 * (approver check, compare-and-set, card update) runs after the ack, and a refusal reaches the
 * clicker as an ephemeral message in the approval channel.
 */
public final class RejectReasonSubmission implements ViewSubmissionHandler {
  private final RequestService service;
  private final SlackMessenger messenger;
  private final String approvalChannel;
  private final AsyncWork async;

  public RejectReasonSubmission(RequestService service, SlackMessenger messenger,
      String approvalChannel, AsyncWork async) {
    this.service = service;
    this.messenger = messenger;
    this.approvalChannel = approvalChannel;
    this.async = async;
  }

  @Override
  public Response apply(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
    var view = request.getPayload().getView();
    String reason = Optional.ofNullable(view.getState().getValues())
        .map(values -> values.get(REJECT_REASON_BLOCK))
        .map(block -> block.get(REJECT_REASON_ACTION))
        .map(ViewState.Value::getValue)
        .orElse("")
        .strip();
    if (reason.isEmpty()) {
      return ctx.ackWithErrors(Map.of(REJECT_REASON_BLOCK, "Say why, so the requester can fix it."));
    }
    if (reason.length() > RejectModal.MAX_REASON_LENGTH) {
      return ctx.ackWithErrors(Map.of(REJECT_REASON_BLOCK,
          "Keep the reason to " + RejectModal.MAX_REASON_LENGTH + " characters."));
    }
    long requestId;
    try {
      requestId = Long.parseLong(view.getPrivateMetadata());
    } catch (NumberFormatException e) {
      return ctx.ackWithErrors(Map.of(REJECT_REASON_BLOCK,
          "This form lost track of its request. Close it and click Reject on the card again."));
    }
    String user = request.getPayload().getUser().getId();
    try (LogContext.Scope scope = LogContext.request(requestId)) {
      async.run("rejecting request #" + requestId, () ->
          DecisionReplies.to(service.reject(requestId, user, reason))
              .ifPresent(text -> messenger.postEphemeral(approvalChannel, user, text)));
      return ctx.ack();
    }
  }
}
