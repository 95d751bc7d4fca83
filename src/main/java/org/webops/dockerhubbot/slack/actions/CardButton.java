package org.webops.dockerhubbot.slack.actions;

import static org.webops.dockerhubbot.slack.blocks.SlackIds.APPROVE_ACTION;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.logs.LogContext;
import org.webops.dockerhubbot.provisioning.ControlReply;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.DecisionReplies;
import org.webops.dockerhubbot.workflow.RequestService;

/**
 * A button on the request card (Approve, Retry, "Account created and e-mail verified", "Check
 * now" …), registered under its own action id. Acks at once; the approver check and the work go
 * on after the ack, and anything for the clicker alone comes back through the interaction's
 * response URL.
 */
public final class CardButton implements BlockActionHandler {
  private static final Logger log = LoggerFactory.getLogger(CardButton.class);

  /** What the button does; the answer is the clicker's reply, empty when the card says it all. */
  @FunctionalInterface
  public interface Action {
    CompletableFuture<Optional<String>> click(long requestId, String user);
  }

  /** A run control: its reply is worded here. */
  @FunctionalInterface
  public interface Control {
    CompletableFuture<ControlReply> click(long requestId, String user);
  }

  private final String actionId;
  private final String name;
  private final Action action;
  private final AsyncWork async;

  public CardButton(String actionId, String name, Action action, AsyncWork async) {
    this.actionId = actionId;
    this.name = name;
    this.action = action;
    this.async = async;
  }

  /** Approve: the decision is the request service's; the reply is worded here. */
  public static CardButton approve(RequestService service, AsyncWork async) {
    return new CardButton(APPROVE_ACTION, "Approve", (requestId, user) ->
        CompletableFuture.completedFuture(DecisionReplies.to(service.approve(requestId, user))),
        async);
  }

  /** A button that works the request's run through {@code control}. */
  public static CardButton control(String actionId, String name, Control control,
      AsyncWork async) {
    return new CardButton(actionId, name,
        (requestId, user) -> control.click(requestId, user).thenApply(CardButton::words), async);
  }

  static Optional<String> words(ControlReply reply) {
    return switch (reply.kind()) {
      case WENT_ON -> Optional.empty();
      case REFUSED -> Optional.of(":no_entry: " + reply.text());
      case INFO -> Optional.of(reply.text());
    };
  }

  public String actionId() {
    return actionId;
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext ctx) {
    String user = request.getPayload().getUser().getId();
    long requestId = ButtonValues.requestId(request);
    try (LogContext.Scope scope = LogContext.request(requestId)) {
      async.run(name + " on request #" + requestId, () -> action.click(requestId, user)
          .whenComplete((reply, failure) -> {
            if (failure != null) {
              log.error("{} on request #{} failed", name, requestId, failure);
              respond(ctx, "Something went wrong; nothing changed. Please try again.");
            } else {
              reply.ifPresent(text -> respond(ctx, text));
            }
          }));
      return ctx.ack();
    }
  }

  /** Replies to the clicker alone, leaving the card as it is. */
  static void respond(ActionContext ctx, String text) {
    try {
      ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
