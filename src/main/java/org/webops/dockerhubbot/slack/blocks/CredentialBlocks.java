package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.CREDENTIAL_BLOCK;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REVOKE_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.ROTATE_ACTION;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.util.ArrayList;
import java.util.List;
import org.webops.dockerhubbot.provisioning.Operation;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.workflow.CredentialTimes;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * The credential's line on its card once it exists (when its token expires, when it was rotated)
 * and the buttons to rotate or revoke it.
 */
public final class CredentialBlocks {
  private CredentialBlocks() {}

  static List<LayoutBlock> of(ProvisioningRequest request, RunStore.Snapshot run,
      CredentialTimes times, BlockIds ids) {
    List<LayoutBlock> blocks = new ArrayList<>();
    status(request, times).ifPresent(line -> blocks.add(context(c -> c
        .blockId(ids.of("credential-status")).elements(List.of(markdownText(line))))));
    List<BlockElement> buttons = buttons(request, run);
    if (!buttons.isEmpty()) {
      blocks.add(actions(a -> a.blockId(ids.of(CREDENTIAL_BLOCK)).elements(buttons)));
    }
    return blocks;
  }

  /** Rotate and Revoke, where they can act; none while another operation runs. */
  public static List<BlockElement> buttons(ProvisioningRequest request, RunStore.Snapshot run) {
    boolean running = run.operation().map(op -> op.status() == Operation.Status.OPEN)
        .orElse(false);
    String id = Long.toString(request.id());
    List<BlockElement> buttons = new ArrayList<>();
    if (!running && Transition.ROTATE.startsFrom(request.state())) {
      buttons.add(button(b -> b.actionId(ROTATE_ACTION).text(plainText("Rotate")).value(id)));
    }
    if (!running && Transition.REVOKE.startsFrom(request.state())
        && request.state() != RequestState.APPROVED) {
      buttons.add(button(b -> b.actionId(REVOKE_ACTION).text(plainText("Revoke")).value(id)
          .style("danger")));
    }
    return buttons;
  }

  private static java.util.Optional<String> status(ProvisioningRequest request,
      CredentialTimes times) {
    String rotated = times.rotatedAt().map(at -> ", last rotated " + SlackText.date(at))
        .orElse("");
    return switch (request.state()) {
      case DONE, ROTATING -> times.expiresAt().map(at -> ":key: The token expires "
          + SlackText.date(at) + rotated + ".");
      case EXPIRED -> java.util.Optional.of(":warning: *Expired*" + times.expiresAt()
          .map(at -> " on " + SlackText.date(at)).orElse("") + ": pulls with this token fail."
          + " Rotate it for a new one.");
      case REVOKED -> java.util.Optional.of(":wastebasket: Revoked: the bot deleted what it"
          + " made for this request.");
      default -> java.util.Optional.empty();
    };
  }
}
