package org.webops.dockerhubbot.provisioning;

import org.webops.dockerhubbot.workflow.ProvisioningRequest;

/** How a run shows itself to people; Slack implements it. Texts never carry a secret. */
public interface Progress {
  /** The request's state or steps changed: the card is rewritten soon (bursts coalesced). */
  void changed(long requestId);

  /** A line in the card's thread. */
  void thread(ProvisioningRequest request, String text);

  /** Tells the requester, ephemerally where possible, else by direct message. */
  void tellRequester(ProvisioningRequest request, String text);
}
