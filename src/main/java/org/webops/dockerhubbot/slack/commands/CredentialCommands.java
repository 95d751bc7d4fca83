package org.webops.dockerhubbot.slack.commands;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.lifecycle.CredentialActions;
import org.webops.dockerhubbot.slack.LifecycleReplies;
import org.webops.dockerhubbot.slack.SlackCallFailedException;
import org.webops.dockerhubbot.slack.SlackMessenger;
import org.webops.dockerhubbot.slack.blocks.RevokeModal;
import org.webops.dockerhubbot.slack.blocks.RotateModal;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.Transition;
import org.webops.dockerhubbot.workflow.RequestRepository;

/**
 * {@code rotate}, {@code revoke} and {@code withdraw}: rotation and revocation are confirmed in a
 * modal (opened before the ack, while the trigger id lives); a withdrawal is one write in the ack.
 */
public final class CredentialCommands {
  private static final Logger log = LoggerFactory.getLogger(CredentialCommands.class);

  private final RequestRepository requests;
  private final CredentialActions actions;
  private final SlackMessenger messenger;
  private final Duration grace;

  public CredentialCommands(RequestRepository requests, CredentialActions actions,
      SlackMessenger messenger, Duration grace) {
    this.requests = requests;
    this.actions = actions;
    this.messenger = messenger;
    this.grace = grace;
  }

  Response rotate(Optional<String> pipeline, SlashCommandRequest request,
      SlashCommandContext ctx) {
    return confirm("rotate", Transition.ROTATE, pipeline, request, ctx,
        found -> RotateModal.build(found, grace));
  }

  Response revoke(Optional<String> pipeline, SlashCommandRequest request,
      SlashCommandContext ctx) {
    return confirm("revoke", Transition.REVOKE, pipeline, request, ctx, RevokeModal::build);
  }

  Response withdraw(Optional<String> pipeline, SlashCommandRequest request,
      SlashCommandContext ctx) {
    Optional<ProvisioningRequest> found = live(pipeline);
    if (found.isEmpty()) {
      return ctx.ack(missing("withdraw", pipeline));
    }
    return ctx.ack(LifecycleReplies.to(actions.withdraw(found.get().id(),
        request.getPayload().getUserId()), "Withdrawn: request #" + found.get().id()
        + " will not be decided on, and the pipeline is free again."));
  }

  private Response confirm(String verb, Transition move, Optional<String> pipeline,
      SlashCommandRequest request, SlashCommandContext ctx,
      Function<ProvisioningRequest, View> modal) {
    Optional<ProvisioningRequest> found = live(pipeline);
    if (found.isEmpty()) {
      return ctx.ack(missing(verb, pipeline));
    }
    Optional<String> refused = actions.refusedBeforeConfirmation(found.get(),
        request.getPayload().getUserId(), move);
    if (refused.isPresent()) {
      return ctx.ack(":no_entry: " + refused.get());
    }
    try {
      messenger.openView(request.getPayload().getTriggerId(), modal.apply(found.get()));
      return ctx.ack();
    } catch (SlackCallFailedException e) {
      log.warn("views.open for {} failed: {}", verb, e.getMessage());
      return ctx.ack(":warning: I could not open the " + verb + " form. Please try again.");
    }
  }

  private Optional<ProvisioningRequest> live(Optional<String> pipeline) {
    return pipeline.flatMap(slug -> requests.findLive(slug, Optional.empty()));
  }

  private static String missing(String verb, Optional<String> pipeline) {
    return pipeline.map(slug -> "No live request for " + SlackText.code(slug) + ", so nothing to "
        + verb + ". `/dockerhub-user list` shows what there is.")
        .orElse("Which pipeline? Use `/dockerhub-user " + verb + " gh/my-org/my-repo`.");
  }
}
