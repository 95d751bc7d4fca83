package org.webops.dockerhubbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import java.io.IOException;

/**
 * Without an approver group, the members of the approval channel approve: the channel must be
 * private, or anyone in the workspace could join it and approve. Asks Slack
 * ({@code conversations.info}, scopes {@code channels:read}/{@code groups:read}).
 */
public final class ApprovalChannelCheck {

  /** What Slack said about the channel. */
  public sealed interface Result {
    record Private() implements Result {}

    record Public() implements Result {}

    /** Slack refused for good (e.g. {@code channel_not_found}: wrong id, or bot not invited). */
    record Refused(String error) implements Result {}

    /** Slack did not answer (network, 5xx, rate limit): ask again later. */
    record Unanswered(String why) implements Result {}
  }

  private final MethodsClient slack;
  private final String channel;

  /** @param slack a client with a short timeout: start-up waits for it */
  public ApprovalChannelCheck(MethodsClient slack, String channel) {
    this.slack = slack;
    this.channel = channel;
  }

  public Result check() {
    ConversationsInfoResponse response;
    try {
      response = slack.conversationsInfo(r -> r.channel(channel));
    } catch (IOException | SlackApiException e) {
      return new Result.Unanswered(e.getClass().getSimpleName());
    }
    if (!response.isOk()) {
      String error = response.getError() == null ? "unknown_error" : response.getError();
      return error.equals("ratelimited") || error.equals("internal_error")
          || error.equals("fatal_error") || error.equals("service_unavailable")
          || error.equals("request_timeout")
          ? new Result.Unanswered(error) : new Result.Refused(error);
    }
    return response.getChannel() != null && response.getChannel().isPrivate()
        ? new Result.Private() : new Result.Public();
  }

  public String channel() {
    return channel;
  }
}
