package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.APPROVE_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.DECISION_BLOCK;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REJECT_ACTION;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import java.util.ArrayList;
import java.util.List;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.CredentialTimes;
import org.webops.dockerhubbot.workflow.Decision;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.RequestValidator;
import org.webops.dockerhubbot.workflow.TokenLabels;
import org.webops.dockerhubbot.workflow.TokenScope;

/**
 * The request card in the approval channel: who asked, exactly what will be created, and either
 * the Approve/Reject buttons or the decision.
 */
public final class ApprovalCard {
  private ApprovalCard() {}

  /** Where the card's words come from that are not in the request. */
  public record Setting(String dockerhubOrg, String dockerhubTeam) {}

  public static String fallbackText(ProvisioningRequest request) {
    return "Docker Hub credential request #" + request.id() + " from <@" + request.requester()
        + "> for " + request.spec().pipeline();
  }

  /** The card as first posted: pending, before any step. */
  public static List<LayoutBlock> build(ProvisioningRequest request, Setting setting) {
    return build(request, RunStore.Snapshot.none(), setting);
  }

  /**
   * The card with the run's checklist once the request is approved.
   *
   * @param run the request's newest operation; its progress counter, with the state, names this
   *     version of the card, and every block id carries it (Slack asks for new block ids when a
   *     message is updated, or clients may keep stale element state); action ids stay as they are
   */
  public static List<LayoutBlock> build(ProvisioningRequest request, RunStore.Snapshot run,
      Setting setting) {
    return build(request, run, CredentialTimes.none(), setting);
  }

  /** @param times when the credential's token expires and was last rotated, once it exists */
  public static List<LayoutBlock> build(ProvisioningRequest request, RunStore.Snapshot run,
      CredentialTimes times, Setting setting) {
    BlockIds ids = new BlockIds(request.state().name().toLowerCase() + "-" + run.progress());
    RequestSpec spec = request.spec();
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.blockId(ids.of("title"))
        .text(plainText("Docker Hub credential request #" + request.id()))));
    blocks.add(section(s -> s.blockId(ids.of("ask")).text(markdownText(
        SlackText.user(request.requester()) + " asks for " + (spec.kind() == CredentialKind.ORG_TOKEN
            ? "an *organisation access token*" : "a *service user*")
        + " for " + SlackText.code(spec.pipeline()) + ":\n" + SlackText.quote(spec.reason())))));
    blocks.add(section(s -> s.blockId(ids.of("fields")).fields(fields(spec))));
    blocks.add(section(s -> s.blockId(ids.of("plan")).text(markdownText(
        "*What will be created*\n" + String.join("\n", plan(request, setting))))));
    if (request.dryRun()) {
      blocks.add(context(c -> c.blockId(ids.of("dry-run")).elements(List.of(markdownText(
          ":test_tube: *Dry run*: every write to Docker Hub and CircleCI is described in the"
              + " thread instead of done.")))));
    }
    if (request.decision().isEmpty() && request.state() != RequestState.PENDING_APPROVAL) {
      blocks.add(section(s -> s.blockId(ids.of("decision")).text(markdownText(
          request.state() == RequestState.WITHDRAWN
              ? ":leftwards_arrow_with_hook: Withdrawn by " + SlackText.user(request.requester())
                  + " before a decision."
              : ":hourglass: Expired without a decision; nothing was made."))));
    } else if (request.decision().isEmpty()) {
      String id = Long.toString(request.id());
      blocks.add(actions(a -> a.blockId(ids.of(DECISION_BLOCK)).elements(List.of(
          button(b -> b.actionId(APPROVE_ACTION).text(plainText("Approve")).value(id)
              .style("primary")),
          button(b -> b.actionId(REJECT_ACTION).text(plainText("Reject")).value(id)
              .style("danger"))))));
    } else {
      blocks.add(section(s -> s.blockId(ids.of("decision"))
          .text(markdownText(decisionLine(request)))));
    }
    if (request.state() != RequestState.PENDING_APPROVAL
        && request.state() != RequestState.REJECTED && request.decision().isPresent()) {
      blocks.add(section(s -> s.blockId(ids.of("progress"))
          .text(markdownText(RunChecklist.text(request, run)))));
      RunChecklist.buttons(request, run, ids).ifPresent(blocks::add);
    }
    blocks.addAll(CredentialBlocks.of(request, run, times, ids));
    return blocks;
  }

  static String decisionLine(ProvisioningRequest request) {
    Decision decision = request.decision().orElseThrow();
    if (request.state() == RequestState.REJECTED) {
      return ":x: Rejected by " + SlackText.user(decision.by()) + " at "
          + SlackText.time(decision.at()) + ": " + SlackText.escape(decision.note().orElse(""));
    }
    return ":white_check_mark: Approved by " + SlackText.user(decision.by()) + " at "
        + SlackText.time(decision.at());
  }

  private static List<TextObject> fields(RequestSpec spec) {
    List<TextObject> fields = new ArrayList<>();
    fields.add(markdownText("*Pipeline*\n" + SlackText.code(spec.pipeline())));
    fields.add(markdownText("*Kind*\n" + (spec.kind() == CredentialKind.ORG_TOKEN
        ? "Organisation access token" : "Service user")));
    fields.add(markdownText("*Scope*\n" + spec.scope().label()));
    fields.add(markdownText("*Lifetime*\n" + spec.lifetimeDays() + " days"));
    fields.add(markdownText("*CircleCI target*\n" + target(spec)));
    fields.add(markdownText("*Variables*\n" + SlackText.code(spec.userVariable()) + ", "
        + SlackText.code(spec.tokenVariable())));
    if (spec.kind() == CredentialKind.ORG_TOKEN) {
      fields.add(markdownText("*Repositories*\n" + String.join(", ",
          spec.repositories().stream().map(SlackText::code).toList())));
    }
    return fields;
  }

  private static List<String> plan(ProvisioningRequest request, Setting setting) {
    RequestSpec spec = request.spec();
    String label = SlackText.code(TokenLabels.of(spec.pipeline(), request.id(), 1));
    String org = SlackText.code(setting.dockerhubOrg());
    String variables = "variables " + SlackText.code(spec.userVariable()) + " and "
        + SlackText.code(spec.tokenVariable()) + spec.circleciContext()
            .map(context -> " in context " + SlackText.code(context))
            .orElse(" in the project's environment variables");
    if (spec.kind() == CredentialKind.ORG_TOKEN) {
      return List.of(
          "• An organisation access token " + label + " in " + org
              + ", " + (spec.scope() == TokenScope.READ_ONLY ? "pull-only"
                  : spec.repositories().contains(RequestValidator.ALL_PUBLIC_IMAGES)
                      ? "pull and push (pull only on all public images)" : "pull and push")
              + " on " + spec.repositories().size()
              + (spec.repositories().size() == 1 ? " repository path" : " repository paths")
              + ", expiring after " + spec.lifetimeDays() + " days",
          "• CircleCI " + variables + " (user = " + org + ")",
          "• A one-time link with the token for the approver's password manager");
    }
    return List.of(
        "• A Docker ID for this pipeline, signed up by hand by the approver (the bot guides"
            + " and checks each step)",
        "• A personal access token " + label + ", "
            + spec.scope().label().toLowerCase() + ", expiring after " + spec.lifetimeDays()
            + " days",
        "• CircleCI " + variables,
        "• Membership of team " + SlackText.code(setting.dockerhubTeam()) + " in " + org,
        "• A one-time link with the credentials for the approver's password manager");
  }

  private static String target(RequestSpec spec) {
    return spec.circleciContext()
        .map(context -> "context " + SlackText.code(context))
        .orElse("project variables");
  }
}
