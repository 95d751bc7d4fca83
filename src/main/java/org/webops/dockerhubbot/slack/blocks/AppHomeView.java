package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.view.Views.view;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.ROTATE_ACTION;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository.Expiring;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * The App Home tab: the viewer's requests; for approvers also the requests waiting for their
 * decision and the credentials expiring soon, each with a Rotate button. One section per line,
 * so that no section nears Slack's 3,000 characters whatever the slugs.
 */
public final class AppHomeView {
  /** How far ahead the approvers' section looks for expiring credentials. */
  public static final java.time.Duration EXPIRING_WITHIN = java.time.Duration.ofDays(14);

  private AppHomeView() {}

  /**
   * What the tab shows.
   *
   * @param approver the approvers' sections, for an approver
   * @param approverUnknown why the approvers' sections are missing, when Slack could not say
   *     whether the viewer is an approver
   */
  public record Content(List<ProvisioningRequest> mine, Optional<ForApprover> approver,
      Optional<String> approverUnknown) {
    public Content {
      mine = List.copyOf(mine);
    }
  }

  /**
   * @param toDecide requests of others waiting for approval, newest first
   * @param expiring credentials whose token expires within {@link #EXPIRING_WITHIN}, soonest
   *     first
   */
  public record ForApprover(List<ProvisioningRequest> toDecide, List<Expiring> expiring) {
    public ForApprover {
      toDecide = List.copyOf(toDecide);
      expiring = List.copyOf(expiring);
    }
  }

  public static View build(Content content) {
    BlockIds ids = new BlockIds(version(content));
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.blockId(ids.of("title"))
        .text(plainText("Docker Hub credentials for CircleCI"))));
    blocks.add(context(c -> c.blockId(ids.of("how")).elements(List.of(markdownText(
        "Type `/dockerhub-user new` in any channel to ask for a credential,"
            + " `/dockerhub-user help` for everything else.")))));
    blocks.add(divider());
    title(blocks, ids, "mine", "*Your requests*", content.mine().isEmpty());
    for (ProvisioningRequest request : content.mine()) {
      blocks.add(section(s -> s.blockId(ids.of("mine-" + request.id()))
          .text(markdownText(mine(request)))));
    }
    content.approverUnknown().ifPresent(why -> blocks.add(context(c -> c.blockId(ids.of("unknown"))
        .elements(List.of(markdownText(":warning: Approver sections not shown: "
            + SlackText.shorten(SlackText.escape(why), 500)))))));
    content.approver().ifPresent(approver -> approverSections(blocks, ids, approver));
    return view(v -> v.type("home").blocks(blocks));
  }

  private static void approverSections(List<LayoutBlock> blocks, BlockIds ids,
      ForApprover approver) {
    blocks.add(divider());
    title(blocks, ids, "decide", "*Waiting for your decision*", approver.toDecide().isEmpty());
    for (ProvisioningRequest request : approver.toDecide()) {
      blocks.add(section(s -> s.blockId(ids.of("decide-" + request.id()))
          .text(markdownText(toDecide(request)))));
    }
    blocks.add(divider());
    title(blocks, ids, "expiring", "*Expiring within " + EXPIRING_WITHIN.toDays() + " days*",
        approver.expiring().isEmpty());
    for (Expiring expiring : approver.expiring()) {
      ProvisioningRequest request = expiring.request();
      boolean rotating = request.state() == RequestState.ROTATING;
      blocks.add(section(s -> {
        s.blockId(ids.of("expiring-" + request.id())).text(markdownText(expiring(expiring)));
        if (!rotating) {
          s.accessory(button(b -> b.actionId(ROTATE_ACTION).text(plainText("Rotate"))
              .value(Long.toString(request.id()))));
        }
        return s;
      }));
    }
  }

  private static void title(List<LayoutBlock> blocks, BlockIds ids, String name, String title,
      boolean empty) {
    blocks.add(section(s -> s.blockId(ids.of(name)).text(markdownText(
        empty ? title + "\n_none_" : title))));
  }

  private static String mine(ProvisioningRequest request) {
    return "• #" + request.id() + " " + SlackText.code(request.spec().pipeline()) + ": "
        + request.state().words();
  }

  private static String toDecide(ProvisioningRequest request) {
    return "• #" + request.id() + " " + SlackText.code(request.spec().pipeline()) + " "
        + request.spec().kind().id() + " from " + SlackText.user(request.requester())
        + request.card().map(card -> " in " + SlackText.channel(card.channel())).orElse("");
  }

  private static String expiring(Expiring expiring) {
    ProvisioningRequest request = expiring.request();
    String when = request.state() == RequestState.EXPIRED
        ? ":warning: *expired* " + SlackText.date(expiring.expiresAt())
        : "expires " + SlackText.date(expiring.expiresAt());
    return "• " + SlackText.code(request.spec().pipeline()) + " " + request.spec().kind().id()
        + ", " + when + (request.state() == RequestState.ROTATING ? ", *rotating*" : "")
        + " · " + SlackText.user(request.requester());
  }

  /** What the tab shows, as a short deterministic name: each publish with news gets new ids. */
  private static String version(Content content) {
    StringBuilder shown = new StringBuilder();
    content.mine().forEach(r -> shown.append('m').append(r.id()).append(r.state().ordinal()));
    content.approver().ifPresent(approver -> {
      approver.toDecide().forEach(r -> shown.append('w').append(r.id()));
      approver.expiring().forEach(e -> shown.append('x').append(e.request().id())
          .append(e.request().state().ordinal()).append(e.expiresAt().getEpochSecond()));
    });
    content.approverUnknown().ifPresent(why -> shown.append('u'));
    return Integer.toHexString(shown.toString().hashCode());
  }
}
