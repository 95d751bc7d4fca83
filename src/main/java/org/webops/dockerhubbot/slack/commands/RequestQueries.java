package org.webops.dockerhubbot.slack.commands;

import java.util.List;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;

/** Answers {@code list} and {@code status} from the database alone. */
public final class RequestQueries {
  private static final int LIMIT = 15;

  private final RequestRepository requests;

  public RequestQueries(RequestRepository requests) {
    this.requests = requests;
  }

  public String list(String user) {
    List<ProvisioningRequest> mine = requests.recentByRequester(user, LIMIT);
    List<ProvisioningRequest> waiting = requests.inStates(List.of(RequestState.PENDING_APPROVAL), LIMIT);
    StringBuilder text = new StringBuilder("*Your requests*\n");
    text.append(mine.isEmpty() ? "_none yet: `/dockerhub-user new` makes one_\n" : lines(mine));
    text.append("*Waiting for approval*\n");
    text.append(waiting.isEmpty() ? "_nothing_\n" : lines(waiting));
    return text.toString();
  }

  public String status(String pipeline) {
    return requests.findLive(pipeline)
        .map(request -> line(request) + " requested by " + SlackText.user(request.requester()))
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
