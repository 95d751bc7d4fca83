package org.webops.dockerhubbot.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.OpenedLinks;
import org.webops.dockerhubbot.workflow.RequestState;

/** Does the people's part of a service-user run: sign up, say so, accept the invitation. */
final class Drive {
  private Drive() {}

  /** Signs up with the details from the link and clicks the button; returns the Docker ID. */
  static String signUp(Flow flow) throws Exception {
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");
    JsonNode signUp = flow.openLink("Sign-up for request #" + flow.id());
    String dockerId = OpenedLinks.field(signUp, "Docker ID");
    flow.bot().dockerhub().signUp(dockerId, OpenedLinks.field(signUp, "Password"));
    flow.click(Flow.APPROVER, "signed-up-action");
    return dockerId;
  }

  /** Accepts the invitation once it is there; the bot's poll notices. */
  static void acceptInvitation(Flow flow, String dockerId) {
    FakeDockerHub hub = flow.bot().dockerhub();
    Await.until(() -> hub.invites().stream().anyMatch(i -> i.invitee().equals(dockerId)),
        Flow.LONG, () -> "an invitation for " + dockerId + "; card: " + flow.lastCard());
    hub.acceptInvite(dockerId);
  }

  /** The whole human part, then waits for DONE. */
  static String serviceUserToDone(Flow flow) throws Exception {
    String dockerId = signUp(flow);
    acceptInvitation(flow, dockerId);
    flow.awaitState(RequestState.DONE);
    return dockerId;
  }
}
