package org.webops.dockerhubbot.slack.views;

import static org.webops.dockerhubbot.slack.blocks.SlackIds.REVOKE_REASON_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REVOKE_REASON_BLOCK;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.lifecycle.CredentialActions;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.SlackMessenger;
import org.webops.dockerhubbot.slack.blocks.RevokeModal;

/**
 * The revocation's confirmation: a missing or long reason is answered on the field; the approver
 * check and the revocation run after the ack, and the clicker hears back by direct message.
 */
public final class RevokeSubmission implements ViewSubmissionHandler {
  private final CredentialActions actions;
  private final AfterTheAck afterTheAck;

  public RevokeSubmission(CredentialActions actions, SlackMessenger messenger, AsyncWork async) {
    this.actions = actions;
    this.afterTheAck = new AfterTheAck(messenger, async);
  }

  @Override
  public Response apply(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
    var view = request.getPayload().getView();
    String reason = Optional.ofNullable(view.getState().getValues())
        .map(values -> values.get(REVOKE_REASON_BLOCK))
        .map(block -> block.get(REVOKE_REASON_ACTION))
        .map(ViewState.Value::getValue)
        .orElse("")
        .strip();
    if (reason.isEmpty()) {
      return ctx.ackWithErrors(Map.of(REVOKE_REASON_BLOCK,
          "Say why, so the requester and the audit trail know."));
    }
    if (reason.length() > RevokeModal.MAX_REASON_LENGTH) {
      return ctx.ackWithErrors(Map.of(REVOKE_REASON_BLOCK,
          "Keep the reason to " + RevokeModal.MAX_REASON_LENGTH + " characters."));
    }
    Optional<Long> requestId = ModalMetadata.requestId(view.getPrivateMetadata());
    if (requestId.isEmpty()) {
      return ctx.ackWithErrors(Map.of(REVOKE_REASON_BLOCK,
          "This form lost track of its request. Close it and ask again."));
    }
    String user = request.getPayload().getUser().getId();
    afterTheAck.run(requestId.get(), user, "Revoking",
        () -> actions.revoke(requestId.get(), user, reason));
    return ctx.ack();
  }
}
