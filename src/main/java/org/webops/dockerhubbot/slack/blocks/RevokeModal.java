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
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REVOKE_MODAL;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REVOKE_REASON_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REVOKE_REASON_BLOCK;

import com.slack.api.model.view.View;
import java.util.List;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;

/** Confirms a revocation and asks why; the request id travels in private_metadata. */
public final class RevokeModal {
  public static final int MAX_REASON_LENGTH = 500;

  private RevokeModal() {}

  public static View build(ProvisioningRequest request) {
    String what = request.spec().kind() == CredentialKind.ORG_TOKEN
        ? "its organisation access token and the CircleCI variables the bot wrote"
        : "the service user's token, its membership of the organisation, the CircleCI variables"
            + " the bot wrote and the kept password";
    return view(v -> v.type("modal")
        .callbackId(REVOKE_MODAL)
        .title(viewTitle(t -> t.type("plain_text").text("Revoke credential")))
        .submit(viewSubmit(t -> t.type("plain_text").text("Revoke")))
        .close(viewClose(t -> t.type("plain_text").text("Cancel")))
        .privateMetadata(Long.toString(request.id()))
        .blocks(List.of(
            section(s -> s.text(markdownText("Revoking request #" + request.id() + " for "
                + SlackText.code(request.spec().pipeline()) + " deletes " + what + ". Pipelines"
                + " using it stop pulling. The requester sees your reason."))),
            input(i -> i.blockId(REVOKE_REASON_BLOCK)
                .label(plainText("Reason"))
                .element(plainTextInput(t -> t.actionId(REVOKE_REASON_ACTION).multiline(true)
                    .maxLength(MAX_REASON_LENGTH)))))));
  }
}
