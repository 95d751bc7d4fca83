package org.webops.dockerhubbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.io.IOException;
import java.util.Set;
import org.webops.dockerhubbot.health.Credential;
import org.webops.dockerhubbot.health.CredentialCheck;
import org.webops.dockerhubbot.health.Verdict;

/**
 * {@code SLACK_BOT_TOKEN}, by {@code auth.test}: free of rate-limit worries (Tier special) and
 * refused with {@code invalid_auth}, {@code token_revoked}, {@code account_inactive}… when the
 * token no longer works. Bolt asks the same at start-up and stops the bot on a bad token; this
 * check finds a token revoked while the bot runs.
 */
public final class SlackTokenCheck implements CredentialCheck {
  /** Errors that mean Slack did not answer, rather than that it refused the token. */
  private static final Set<String> UNANSWERED = Set.of("ratelimited", "internal_error",
      "fatal_error", "service_unavailable", "request_timeout");

  private final MethodsClient slack;

  /** @param slack a client with the bot token and a short time-out */
  public SlackTokenCheck(MethodsClient slack) {
    this.slack = slack;
  }

  @Override
  public Credential credential() {
    return Credential.SLACK_BOT_TOKEN;
  }

  @Override
  public Verdict check() {
    AuthTestResponse response;
    try {
      response = slack.authTest(r -> r);
    } catch (IOException | SlackApiException e) {
      return new Verdict.Unreachable("could not reach Slack (" + e.getClass().getSimpleName()
          + ")");
    } catch (RuntimeException e) {
      return new Verdict.Unreachable("could not check with Slack ("
          + e.getClass().getSimpleName() + ")");
    }
    if (response.isOk()) {
      return new Verdict.Ok();
    }
    String error = response.getError() == null ? "unknown_error" : response.getError();
    return UNANSWERED.contains(error)
        ? new Verdict.Unreachable("could not reach Slack (" + error + ")")
        : new Verdict.Failing("Slack refused SLACK_BOT_TOKEN (" + error + ")");
  }
}
