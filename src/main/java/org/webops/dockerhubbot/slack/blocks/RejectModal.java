package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REJECT_MODAL;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REJECT_REASON_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REJECT_REASON_BLOCK;

import com.slack.api.model.view.View;
import java.util.List;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;

/** Asks the approver why a request is rejected; the request id travels in private_metadata. */
public final class RejectModal {
  public static final int MAX_REASON_LENGTH = 500;

  private RejectModal() {}

  public static View build(ProvisioningRequest request) {
    return view(v -> v.type("modal")
        .callbackId(REJECT_MODAL)
        // A title has at most 24 characters: the request's number goes in the text.
        .title(viewTitle(t -> t.type("plain_text").text("Reject request")))
        .submit(viewSubmit(t -> t.type("plain_text").text("Reject")))
        .close(viewClose(t -> t.type("plain_text").text("Cancel")))
        .privateMetadata(Long.toString(request.id()))
        .blocks(List.of(
            section(s -> s.text(markdownText("Rejecting request #" + request.id() + ", "
                + SlackText.user(request.requester()) + "'s request for "
                + SlackText.code(request.spec().pipeline())
                + ". They will see your reason."))),
            input(i -> i.blockId(REJECT_REASON_BLOCK)
                .label(plainText("Reason"))
                .element(plainTextInput(t -> t.actionId(REJECT_REASON_ACTION).multiline(true)
                    .maxLength(MAX_REASON_LENGTH)))))));
  }
}
