package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import java.util.Optional;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.secretlinks.SecretLink;
import org.webops.dockerhubbot.secretlinks.SecretLinkDelivery;
import org.webops.dockerhubbot.secretlinks.SecretLinks;
import org.webops.dockerhubbot.secretlinks.SecretPayload;

/**
 * Hands secrets to the approver who approved (or to another approver who asks): a one-time link,
 * ephemeral in the approval channel.
 */
public final class ApproverLinks {
  private final SecretLinks links;
  private final SecretLinkDelivery delivery;
  private final ProvisioningSettings settings;

  public ApproverLinks(SecretLinks links, SecretLinkDelivery delivery,
      ProvisioningSettings settings) {
    this.links = links;
    this.delivery = delivery;
    this.settings = settings;
  }

  /**
   * @param text what the link is for; never a secret
   * @param replacing the title of the request's earlier links this one makes void, because it
   *     carries the same secret: the newest link is then the only claimable copy
   */
  void send(RunContext run, SecretPayload payload, Prose text, Optional<String> replacing) {
    sendTo(run.approver(), run, payload, text, replacing);
  }

  /** The same, to another approver. */
  void sendTo(String user, RunContext run, SecretPayload payload, Prose text,
      Optional<String> replacing) {
    run.lease().check(); // a run that lost its lease hands out nothing more
    SecretLink link = links.create(payload, user, run.requestId(), settings.linkTtl(),
        replacing);
    delivery.deliver(user, link, text);
  }
}
