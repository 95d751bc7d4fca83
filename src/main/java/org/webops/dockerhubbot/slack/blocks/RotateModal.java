package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.ROTATE_MODAL;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.SEND_LINK_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.SEND_LINK_BLOCK;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.SEND_LINK_VALUE;

import com.slack.api.model.view.View;
import java.time.Duration;
import java.util.List;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;

/**
 * Confirms a rotation: what will happen, and a box for an approver who wants the new token in a
 * one-time link (the request id travels in private_metadata).
 */
public final class RotateModal {
  private RotateModal() {}

  public static View build(ProvisioningRequest request, Duration grace) {
    String token = request.spec().kind() == CredentialKind.ORG_TOKEN
        ? "a new organisation access token" : "a new personal access token of the service user";
    return view(v -> v.type("modal")
        .callbackId(ROTATE_MODAL)
        .title(viewTitle(t -> t.type("plain_text").text("Rotate token")))
        .submit(viewSubmit(t -> t.type("plain_text").text("Rotate")))
        .close(viewClose(t -> t.type("plain_text").text("Cancel")))
        .privateMetadata(Long.toString(request.id()))
        .blocks(List.of(
            section(s -> s.text(markdownText("Rotating request #" + request.id() + " for "
                + SlackText.code(request.spec().pipeline()) + ": the bot makes " + token
                + " with the same scope and repositories, writes "
                + SlackText.code(request.spec().userVariable()) + " and "
                + SlackText.code(request.spec().tokenVariable()) + " in CircleCI, reads them"
                + " back, and deletes the old token " + (grace.isZero() ? "at once."
                    : "after " + grace.toMinutes() + " minutes, so that running jobs finish.")))),
            input(i -> i.blockId(SEND_LINK_BLOCK).optional(true)
                .label(plainText("The new token"))
                .element(checkboxes(c -> c.actionId(SEND_LINK_ACTION).options(List.of(
                    option(o -> o.value(SEND_LINK_VALUE)
                        .text(plainText("Send me the new token in a one-time link")))))))),
            context(c -> c.elements(List.of(markdownText("Only an approver who is not the"
                + " requester can get the token; otherwise CircleCI holds it and the bot is the"
                + " record. Scope and target stay the same, so no second approval is needed.")))))));
  }
}
