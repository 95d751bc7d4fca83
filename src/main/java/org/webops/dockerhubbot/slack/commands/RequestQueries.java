package org.webops.dockerhubbot.slack.commands;

import java.util.List;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.slack.blocks.RunChecklist;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;

/** Answers {@code list} and {@code status} from the database alone. */
public final class RequestQueries {
  private static final int LIMIT = 15;

  private final RequestRepository requests;
  private final RunStore runs;

  public RequestQueries(RequestRepository requests, RunStore runs) {
    this.requests = requests;
    this.runs = runs;
  }

  /** A user's recent requests and those waiting for approval, newest first. */
  public record MineAndWaiting(List<ProvisioningRequest> mine, List<ProvisioningRequest> waiting) {}

  public MineAndWaiting mineAndWaiting(String user) {
    List<ProvisioningRequest> both = requests.mineOrPending(user, LIMIT);
    return new MineAndWaiting(
        both.stream().filter(request -> request.requester().equals(user)).limit(LIMIT).toList(),
        both.stream().filter(request -> request.state() == RequestState.PENDING_APPROVAL)
            .limit(LIMIT).toList());
  }

  public String list(String user) {
    MineAndWaiting lists = mineAndWaiting(user);
    List<ProvisioningRequest> mine = lists.mine();
    List<ProvisioningRequest> waiting = lists.waiting();
    StringBuilder text = new StringBuilder("*Your requests*\n");
    text.append(mine.isEmpty() ? "_none yet: `/dockerhub-user new` makes one_\n" : lines(mine));
    text.append("*Waiting for approval*\n");
    text.append(waiting.isEmpty() ? "_nothing_\n" : lines(waiting));
    return text.toString();
  }

  /** The pipeline's live request and, once approved, its steps as the card shows them. */
  public String status(String pipeline) {
    return requests.findLive(pipeline, java.util.Optional.empty())
        .map(request -> line(request) + " requested by " + SlackText.user(request.requester())
            + (request.state() == RequestState.PENDING_APPROVAL ? ""
                : "\n" + RunChecklist.text(request, runs.ofRequest(request.id()))))
        .orElse("No live request for " + SlackText.code(pipeline)
            + ". `/dockerhub-user new " + SlackText.escape(pipeline) + "` makes one.");
  }

  private static String lines(List<ProvisioningRequest> list) {
    StringBuilder text = new StringBuilder();
    list.forEach(request -> text.append("• ").append(line(request)).append('\n'));
    return text.toString();
  }

  private static String line(ProvisioningRequest request) {
    return "#" + request.id() + " " + SlackText.code(request.spec().pipeline()) + " "
        + request.spec().kind().id() + ": *" + request.state().name().toLowerCase().replace('_', ' ')
        + "*";
  }
}
