package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.CREDENTIAL_BLOCK;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.ROTATE_ACTION;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.lifecycle.LifecycleEvent;
import org.webops.dockerhubbot.notices.NoticeEvent;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestMoved;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * The blocks of a notice that asks for something: an expiry reminder or an expired token carries
 * a Rotate button. Other notices are words only.
 */
public final class NoticeBlocks {
  private NoticeBlocks() {}

  public static Optional<List<LayoutBlock>> of(NoticeEvent event, String text,
      ProvisioningRequest request) {
    boolean rotate = event instanceof LifecycleEvent.ExpiryReminder
        || event instanceof RequestMoved moved && moved.transition() == Transition.EXPIRE;
    if (!rotate) {
      return Optional.empty();
    }
    String id = Long.toString(request.id());
    return Optional.of(List.of(
        section(s -> s.text(markdownText(SlackText.shorten(text, SlackText.SECTION_MAX)))),
        actions(a -> a.blockId(CREDENTIAL_BLOCK).elements(List.of(
            button(b -> b.actionId(ROTATE_ACTION).text(plainText("Rotate")).value(id)
                .style("primary")))))));
  }
}
