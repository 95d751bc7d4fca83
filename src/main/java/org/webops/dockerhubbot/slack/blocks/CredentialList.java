package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository.Credential;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * The answer to {@code /dockerhub-user list}: live credentials, soonest expiry first, then the
 * requests in flight, oldest first. Lines go into as few sections as fit Slack's 3,000
 * characters each.
 */
public final class CredentialList {
  private CredentialList() {}

  /**
   * What {@code list} shows.
   *
   * @param moreCredentials there are credentials beyond those listed
   * @param moreInFlight there are requests in flight beyond those listed
   */
  public record Facts(List<Credential> credentials, boolean moreCredentials,
      List<ProvisioningRequest> inFlight, boolean moreInFlight) {
    public Facts {
      credentials = List.copyOf(credentials);
      inFlight = List.copyOf(inFlight);
    }
  }

  public static String fallbackText(Facts facts) {
    return facts.credentials().size() + (facts.moreCredentials() ? "+" : "")
        + " live credentials, " + facts.inFlight().size() + (facts.moreInFlight() ? "+" : "")
        + " requests in flight";
  }

  public static List<LayoutBlock> build(Facts facts) {
    List<String> live = new ArrayList<>();
    live.add("*Live credentials*, soonest expiry first");
    facts.credentials().forEach(credential -> live.add(line(credential)));
    if (facts.credentials().isEmpty()) {
      live.add("_none yet: `/dockerhub-user new` asks for one_");
    }
    if (facts.moreCredentials()) {
      live.add("_…and more not shown_");
    }
    List<String> inFlight = new ArrayList<>();
    inFlight.add("*Requests in flight*, oldest first");
    facts.inFlight().forEach(request -> inFlight.add(line(request)));
    if (facts.inFlight().isEmpty()) {
      inFlight.add("_none_");
    }
    if (facts.moreInFlight()) {
      inFlight.add("_…and more not shown_");
    }
    List<LayoutBlock> blocks = new ArrayList<>();
    for (List<String> part : List.of(live, inFlight)) {
      SlackText.packed(part, SlackText.SECTION_MAX)
          .forEach(text -> blocks.add(section(s -> s.text(markdownText(text)))));
    }
    blocks.add(context(c -> c.elements(List.of(markdownText(
        "`/dockerhub-user status <pipeline>` shows one in full.")))));
    return blocks;
  }

  private static String line(Credential credential) {
    ProvisioningRequest request = credential.request();
    String expiry = credential.expiresAt()
        .map(at -> request.state() == RequestState.EXPIRED
            ? ":warning: *expired* " + SlackText.date(at) : "expires " + SlackText.date(at))
        .orElse(request.dryRun() ? "dry run, no token" : "no expiry known");
    return "• " + SlackText.code(request.spec().pipeline()) + " " + request.spec().kind().id()
        + ", " + expiry + (request.state() == RequestState.ROTATING ? ", *rotating*" : "")
        + " · " + SlackText.user(request.requester());
  }

  private static String line(ProvisioningRequest request) {
    return "• #" + request.id() + " " + SlackText.code(request.spec().pipeline()) + " "
        + request.spec().kind().id() + ": *" + request.state().words() + "* · "
        + SlackText.user(request.requester());
  }
}
