package org.webops.dockerhubbot.slack.views;

import static org.webops.dockerhubbot.slack.blocks.SlackIds.SEND_LINK_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.SEND_LINK_BLOCK;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.SEND_LINK_VALUE;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.lifecycle.CredentialActions;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.SlackMessenger;

/**
 * The rotation's confirmation: acks at once; who may rotate is checked after the ack, and what
 * came of it reaches the clicker by direct message (a modal has no channel of its own).
 */
public final class RotateSubmission implements ViewSubmissionHandler {
  private final CredentialActions actions;
  private final AfterTheAck afterTheAck;

  public RotateSubmission(CredentialActions actions, SlackMessenger messenger, AsyncWork async) {
    this.actions = actions;
    this.afterTheAck = new AfterTheAck(messenger, async);
  }

  @Override
  public Response apply(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
    var view = request.getPayload().getView();
    Optional<Long> requestId = ModalMetadata.requestId(view.getPrivateMetadata());
    if (requestId.isEmpty()) {
      return ctx.ackWithErrors(Map.of(SEND_LINK_BLOCK,
          "This form lost track of its request. Close it and ask again."));
    }
    boolean sendLink = Optional.ofNullable(view.getState().getValues())
        .map(values -> values.get(SEND_LINK_BLOCK))
        .map(block -> block.get(SEND_LINK_ACTION))
        .map(ViewState.Value::getSelectedOptions)
        .orElse(List.of())
        .stream().anyMatch(option -> SEND_LINK_VALUE.equals(option.getValue()));
    String user = request.getPayload().getUser().getId();
    afterTheAck.run(requestId.get(), user, "Rotating",
        () -> actions.rotate(requestId.get(), user, sendLink));
    return ctx.ack();
  }
}
