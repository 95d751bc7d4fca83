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

/** The App Home tab: the viewer's requests and those waiting for approval. */
public final class AppHomeView {
  private AppHomeView() {}

  public static View build(List<ProvisioningRequest> mine, List<ProvisioningRequest> waiting) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText("Docker Hub credentials for CircleCI"))));
    blocks.add(context(c -> c.elements(List.of(markdownText(
        "Type `/dockerhub-user new` in any channel to ask for a credential.")))));
    blocks.add(divider());
    blocks.add(section(s -> s.text(markdownText("*Your requests*\n" + lines(mine)))));
    blocks.add(section(s -> s.text(markdownText("*Waiting for approval*\n" + lines(waiting)))));
    return view(v -> v.type("home").blocks(blocks));
  }

  private static String lines(List<ProvisioningRequest> requests) {
    if (requests.isEmpty()) {
      return "_none_";
    }
    StringBuilder text = new StringBuilder();
    for (ProvisioningRequest request : requests) {
      text.append("• #").append(request.id()).append(' ')
          .append(SlackText.code(request.spec().pipeline())).append(": ")
          .append(request.state().name().toLowerCase().replace('_', ' ')).append('\n');
    }
    return text.toString().stripTrailing();
  }
}
