package org.webops.dockerhubbot.slack.commands;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.drift.DriftReporting;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.blocks.DriftTexts;

/**
 * {@code drift}: acks at once (no Docker Hub or CircleCI call, not even the approver check,
 * comes before the ack); on the executor, checks that the user is an approver, runs the check
 * and answers them alone through the command's response URL, with the findings even when
 * nothing changed. The approval channel hears of it only when the report changed.
 */
public final class DriftCommand {
  private static final Logger log = LoggerFactory.getLogger(DriftCommand.class);
  static final String CHECKING = ":mag: Checking for drift…";

  private final DriftReporting drift;
  private final AsyncWork async;
  private final String approvalChannel;

  public DriftCommand(DriftReporting drift, AsyncWork async, String approvalChannel) {
    this.drift = drift;
    this.async = async;
    this.approvalChannel = approvalChannel;
  }

  Response check(SlashCommandRequest request, SlashCommandContext ctx) {
    String user = request.getPayload().getUserId();
    async.run("drift check asked by " + user, () -> answer(ctx, check(user)));
    return ctx.ack(CHECKING);
  }

  private String check(String user) {
    try {
      return DriftTexts.answer(drift.onDemand(user), approvalChannel);
    } catch (RuntimeException e) {
      log.error("Drift check asked by {} failed", user, e);
      return ":warning: Something went wrong while checking for drift; nothing was reported."
          + " Please try again.";
    }
  }

  private static void answer(SlashCommandContext ctx, String text) {
    try {
      ctx.respond(r -> r.responseType("ephemeral").text(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
