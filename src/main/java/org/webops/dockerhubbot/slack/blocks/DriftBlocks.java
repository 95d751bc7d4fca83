package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.DRIFT_BLOCK;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REVOKE_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.ROTATE_ACTION;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.util.ArrayList;
import java.util.List;
import org.webops.dockerhubbot.drift.DriftReported;

/**
 * A drift report for the approval channel: the headline, then each credential's findings with
 * Rotate (when a rotation would put them right) and Revoke, then what the bot does not own.
 * Who may rotate or revoke is checked when the modal the button opens is submitted.
 */
public final class DriftBlocks {
  private DriftBlocks() {}

  public static List<LayoutBlock> of(DriftReported report) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText(DriftTexts.headline(report.total())))));
    for (DriftTexts.Group group : DriftTexts.groups(report.shown())) {
      String text = group.title() + "\n• " + String.join("\n• ", group.lines());
      blocks.add(section(s -> s.text(markdownText(SlackText.shorten(text,
          SlackText.SECTION_MAX)))));
      if (group.requestId() != 0) {
        blocks.add(actions(a -> a.blockId(DRIFT_BLOCK + "." + group.requestId())
            .elements(buttons(group))));
      }
    }
    String origin = report.daily() ? "Daily check." : "Checked when an approver asked.";
    String footer = DriftTexts.more(report).map(more -> origin + " " + more).orElse(origin)
        + " Posted only when the differences change.";
    blocks.add(context(c -> c.elements(List.of(markdownText(footer)))));
    return blocks;
  }

  private static List<BlockElement> buttons(DriftTexts.Group group) {
    String id = Long.toString(group.requestId());
    List<BlockElement> buttons = new ArrayList<>();
    if (group.rotate()) {
      buttons.add(button(b -> b.actionId(ROTATE_ACTION).text(plainText("Rotate")).value(id)
          .style("primary")));
    }
    buttons.add(button(b -> b.actionId(REVOKE_ACTION).text(plainText("Revoke")).value(id)
        .style("danger")));
    return buttons;
  }
}
