package org.webops.dockerhubbot.slack.commands;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.slack.SlackCallFailedException;
import org.webops.dockerhubbot.slack.SlackMessenger;
import org.webops.dockerhubbot.slack.blocks.HelpMessage;
import org.webops.dockerhubbot.slack.blocks.RequestModal;
import org.webops.dockerhubbot.slack.views.ModalMetadata;
import org.webops.dockerhubbot.workflow.CredentialKinds;

/** {@code /dockerhub-user <subcommand>}: opens a modal or answers ephemerally. */
public final class DockerhubUserCommand implements SlashCommandHandler {
  private static final Logger log = LoggerFactory.getLogger(DockerhubUserCommand.class);

  private final RequestQueries queries;
  private final CredentialCommands credentials;
  private final DriftCommand drift;
  private final SlackMessenger messenger;
  private final boolean dryRun;
  private final CredentialKinds kinds;

  public DockerhubUserCommand(RequestQueries queries, CredentialCommands credentials,
      DriftCommand drift, SlackMessenger messenger, boolean dryRun, CredentialKinds kinds) {
    this.queries = queries;
    this.credentials = credentials;
    this.drift = drift;
    this.messenger = messenger;
    this.dryRun = dryRun;
    this.kinds = kinds;
  }

  @Override
  public Response apply(SlashCommandRequest request, SlashCommandContext ctx) {
    String text = Optional.ofNullable(request.getPayload().getText()).orElse("").strip();
    List<String> words = text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
    String subcommand = words.isEmpty() ? "help" : words.get(0).toLowerCase();
    Optional<String> argument = words.size() > 1 ? Optional.of(words.get(1)) : Optional.empty();
    String user = request.getPayload().getUserId();
    return switch (subcommand) {
      case "new" -> openRequestModal(argument, request, ctx);
      case "list" -> ctx.ack(queries.list());
      case "status" -> ctx.ack(queries.status(argument));
      case "rotate" -> credentials.rotate(argument, request, ctx);
      case "revoke" -> credentials.revoke(argument, request, ctx);
      case "withdraw" -> credentials.withdraw(argument, request, ctx);
      case "drift" -> drift.check(request, ctx);
      case "help" -> ctx.ack(HelpMessage.text(Optional.empty()));
      default -> ctx.ack(HelpMessage.text(Optional.of(words.get(0))));
    };
  }

  private Response openRequestModal(Optional<String> pipeline, SlashCommandRequest request,
      SlashCommandContext ctx) {
    ModalMetadata metadata = new ModalMetadata(Optional.ofNullable(request.getPayload().getChannelId()));
    try {
      // views.open comes before the ack: the trigger id is only good for about three seconds.
      messenger.openView(request.getPayload().getTriggerId(),
          RequestModal.build(pipeline, metadata.serialise(), dryRun, kinds));
      return ctx.ack();
    } catch (SlackCallFailedException e) {
      log.warn("views.open failed: {}", e.getMessage());
      return ctx.ack(e.error().map(error -> ":warning: I could not open the request form (Slack"
          + " said `" + error + "`). Please try again.").orElse(":warning: I could not reach"
          + " Slack to open the request form. Please try again."));
    }
  }
}
