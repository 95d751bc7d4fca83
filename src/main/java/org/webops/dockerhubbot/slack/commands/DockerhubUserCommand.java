package org.webops.dockerhubbot.slack.commands;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.slack.blocks.HelpMessage;
import org.webops.dockerhubbot.slack.blocks.RequestModal;
import org.webops.dockerhubbot.slack.views.ModalMetadata;
import org.webops.dockerhubbot.workflow.CredentialKinds;

/** {@code /dockerhub-user <subcommand>}: opens the request modal or answers ephemerally. */
public final class DockerhubUserCommand implements SlashCommandHandler {
  private static final Logger log = LoggerFactory.getLogger(DockerhubUserCommand.class);

  private final RequestQueries queries;
  private final boolean dryRun;
  private final CredentialKinds kinds;

  public DockerhubUserCommand(RequestQueries queries, boolean dryRun, CredentialKinds kinds) {
    this.queries = queries;
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
      case "list" -> ctx.ack(queries.list(user));
      case "status" -> ctx.ack(argument.map(queries::status)
          .orElse("Which pipeline? Use `/dockerhub-user status gh/my-org/my-repo`."));
      case "rotate", "revoke" -> ctx.ack("`" + subcommand + "` is not here yet: it comes with"
          + " the token lifecycle. Until then, ask in the webops channel.");
      case "help" -> ctx.ack(HelpMessage.text(Optional.empty()));
      default -> ctx.ack(HelpMessage.text(Optional.of(words.get(0))));
    };
  }

  private Response openRequestModal(Optional<String> pipeline, SlashCommandRequest request,
      SlashCommandContext ctx) {
    ModalMetadata metadata = new ModalMetadata(Optional.ofNullable(request.getPayload().getChannelId()));
    try {
      // views.open comes before the ack: the trigger id is only good for about three seconds.
      ViewsOpenResponse opened = ctx.client().viewsOpen(r -> r
          .triggerId(request.getPayload().getTriggerId())
          .view(RequestModal.build(pipeline, metadata.serialise(), dryRun, kinds)));
      if (opened.isOk()) {
        return ctx.ack();
      }
      log.warn("views.open failed: {}", opened.getError());
      return ctx.ack(":warning: I could not open the request form (Slack said `"
          + opened.getError() + "`). Please try again.");
    } catch (IOException | com.slack.api.methods.SlackApiException e) {
      log.warn("views.open failed: {}", e.getMessage());
      return ctx.ack(":warning: I could not reach Slack to open the request form. Please try again.");
    }
  }
}
