package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditTrail;
import org.webops.dockerhubbot.provisioning.CredentialStore.WrittenVariable;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.CredentialTimes;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * The answer to {@code /dockerhub-user status <pipeline>}: what the credential is, where it
 * lives, when it expires, the run of an operation still open, and the newest lines of its audit
 * trail. Names only: no token, password or variable value is ever among the facts.
 */
public final class StatusView {
  /** How many audit entries the answer shows. */
  public static final int AUDIT_LINES = 10;
  private static final int LINE_MAX = 1000;

  private StatusView() {}

  /**
   * What {@code status} shows of a request.
   *
   * @param liveTokens the labels of the request's tokens that exist now (two while a rotation
   *     waits out its grace period)
   * @param variables the CircleCI variables the bot recorded writing, by target
   * @param dockerId a service user's Docker ID
   * @param run the request's newest operation; its steps are shown while it is open or failed
   */
  public record Facts(ProvisioningRequest request, CredentialTimes times, List<String> liveTokens,
      List<WrittenVariable> variables, Optional<String> dockerId, AuditTrail audit,
      RunStore.Snapshot run) {
    public Facts {
      liveTokens = List.copyOf(liveTokens);
      variables = List.copyOf(variables);
    }
  }

  public static String fallbackText(Facts facts) {
    return "Status of " + facts.request().spec().pipeline() + ": "
        + facts.request().state().words();
  }

  public static List<LayoutBlock> build(Facts facts) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText(SlackText.shorten(summary(facts),
        SlackText.SECTION_MAX)))));
    boolean running = facts.run().operation().map(op -> op.status().isOpen()).orElse(false);
    if (running) {
      blocks.add(section(s -> s.text(markdownText(SlackText.shorten(
          RunChecklist.text(facts.request(), facts.run()), SlackText.SECTION_MAX)))));
    }
    blocks.add(section(s -> s.text(markdownText(SlackText.shorten(audit(facts.audit()),
        SlackText.SECTION_MAX)))));
    blocks.add(context(c -> c.elements(List.of(markdownText(
        "`/dockerhub-user list` shows every credential and request.")))));
    return blocks;
  }

  private static String summary(Facts facts) {
    ProvisioningRequest request = facts.request();
    RequestSpec spec = request.spec();
    List<String> lines = new ArrayList<>();
    lines.add("*" + SlackText.code(spec.pipeline()) + "*: request #" + request.id() + " by "
        + SlackText.user(request.requester()) + (request.dryRun() ? " (dry run)" : ""));
    lines.add("*State:* " + request.state().words()
        + request.decision().map(d -> " · approved by " + SlackText.user(d.by()) + " "
            + SlackText.dateTime(d.at())).orElse(""));
    lines.add("*Kind:* " + (spec.kind() == CredentialKind.ORG_TOKEN ? "organisation access token"
        : "service user") + " · *Scope:* " + spec.scope().label());
    facts.dockerId().ifPresent(id -> lines.add("*Docker ID:* " + SlackText.code(id)));
    lines.add("*Token:* " + tokens(facts));
    if (spec.kind() == CredentialKind.ORG_TOKEN) {
      lines.add("*Repositories:* " + String.join(", ",
          spec.repositories().stream().map(SlackText::code).toList()));
    }
    lines.add("*Expires:* " + facts.times().expiresAt().map(SlackText::date).orElse("—")
        + (request.state() == RequestState.EXPIRED ? " :warning: expired" : "")
        + " · *Last rotation:* " + facts.times().rotatedAt().map(SlackText::date)
            .orElse("never"));
    lines.add("*CircleCI:* " + circleci(spec, facts.variables()));
    return String.join("\n", lines.stream().map(line -> SlackText.shorten(line, LINE_MAX))
        .toList());
  }

  private static String tokens(Facts facts) {
    if (!facts.liveTokens().isEmpty()) {
      return String.join(", ", facts.liveTokens().stream().map(SlackText::code).toList());
    }
    if (facts.request().dryRun()) {
      return "none (dry run)";
    }
    return RequestState.CREDENTIALS.contains(facts.request().state()) ? "none live" : "none yet";
  }

  /** Where the variables are, and their names; never their values. */
  private static String circleci(RequestSpec spec, List<WrittenVariable> written) {
    if (written.isEmpty()) {
      return target(spec, spec.circleciContext().map(name -> "context:" + name)
          .orElse("project:" + spec.pipeline())) + ": " + names(List.of(spec.userVariable(),
          spec.tokenVariable())) + " (not written yet)";
    }
    Map<String, List<String>> byTarget = new LinkedHashMap<>();
    written.forEach(variable -> byTarget.computeIfAbsent(variable.target(),
        target -> new ArrayList<>()).add(variable.name()));
    List<String> parts = new ArrayList<>();
    byTarget.forEach((target, names) -> parts.add(target(spec, target) + ": " + names(names)));
    return String.join("; ", parts);
  }

  private static String target(RequestSpec spec, String target) {
    if (target.startsWith("context:")) {
      String id = target.substring("context:".length());
      return "context " + spec.circleciContext().filter(name -> !name.equals(id))
          .map(name -> SlackText.code(name) + " (" + SlackText.code(id) + ")")
          .orElse(SlackText.code(id));
    }
    return "project variables of " + SlackText.code(spec.pipeline());
  }

  private static String names(List<String> names) {
    return String.join(", ", names.stream().map(SlackText::code).toList());
  }

  private static String audit(AuditTrail trail) {
    StringBuilder text = new StringBuilder("*Audit trail (last " + trail.latest().size() + " of "
        + trail.total() + "):*");
    for (AuditEvent event : trail.latest()) {
      text.append("\n• ").append(SlackText.dateTime(event.at())).append(' ')
          .append(Move.BOT.equals(event.actor()) ? "the bot" : SlackText.user(event.actor()))
          .append(' ').append(SlackText.escape(event.action()));
    }
    return text.toString();
  }
}
