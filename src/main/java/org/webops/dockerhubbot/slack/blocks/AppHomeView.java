package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.util.ArrayList;
import java.util.List;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;

/**
 * The App Home tab: the viewer's requests and those waiting for approval, one section each, so
 * that no section nears Slack's 3,000 characters whatever the slugs.
 */
public final class AppHomeView {
  private AppHomeView() {}

  public static View build(List<ProvisioningRequest> mine, List<ProvisioningRequest> waiting) {
    BlockIds ids = new BlockIds(version(mine, waiting));
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.blockId(ids.of("title"))
        .text(plainText("Docker Hub credentials for CircleCI"))));
    blocks.add(context(c -> c.blockId(ids.of("how")).elements(List.of(markdownText(
        "Type `/dockerhub-user new` in any channel to ask for a credential.")))));
    blocks.add(divider());
    list(blocks, ids, "mine", "*Your requests*", mine);
    list(blocks, ids, "waiting", "*Waiting for approval*", waiting);
    return view(v -> v.type("home").blocks(blocks));
  }

  private static void list(List<LayoutBlock> blocks, BlockIds ids, String name, String title,
      List<ProvisioningRequest> requests) {
    blocks.add(section(s -> s.blockId(ids.of(name)).text(markdownText(
        requests.isEmpty() ? title + "\n_none_" : title))));
    for (ProvisioningRequest request : requests) {
      blocks.add(section(s -> s.blockId(ids.of(name + "-" + request.id()))
          .text(markdownText(line(request)))));
    }
  }

  private static String line(ProvisioningRequest request) {
    return "• #" + request.id() + " " + SlackText.code(request.spec().pipeline()) + ": "
        + request.state().name().toLowerCase().replace('_', ' ');
  }

  /** What the tab shows, as a short deterministic name: each publish with news gets new ids. */
  private static String version(List<ProvisioningRequest> mine,
      List<ProvisioningRequest> waiting) {
    StringBuilder shown = new StringBuilder();
    mine.forEach(r -> shown.append('m').append(r.id()).append(r.state().ordinal()));
    waiting.forEach(r -> shown.append('w').append(r.id()).append(r.state().ordinal()));
    return Integer.toHexString(shown.toString().hashCode());
  }
}
