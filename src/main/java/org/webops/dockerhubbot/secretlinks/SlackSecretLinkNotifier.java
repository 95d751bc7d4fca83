package org.webops.dockerhubbot.secretlinks;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a request's Slack thread when its link was opened or expired unclaimed. Posts run on the
 * given executor, so a claim answers the browser without waiting for Slack; failures are logged.
 *
 * <p>{@code methods} must carry the bot token (for example {@code slack.methods(botToken)}).
 */
public final class SlackSecretLinkNotifier implements SecretLinkEvents {
  private static final Logger log = LoggerFactory.getLogger(SlackSecretLinkNotifier.class);
  private static final DateTimeFormatter FALLBACK =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final MethodsClient methods;
  private final RequestThreads threads;
  private final Executor executor;

  public SlackSecretLinkNotifier(MethodsClient methods, RequestThreads threads, Executor executor) {
    this.methods = Objects.requireNonNull(methods);
    this.threads = Objects.requireNonNull(threads);
    this.executor = Objects.requireNonNull(executor);
  }

  /** "secret link opened at 10:42", shown in each reader's own time zone. */
  static String claimedText(Instant at) {
    return ":unlock: Secret link opened at <!date^" + at.getEpochSecond() + "^{time}|"
        + FALLBACK.format(at) + ">. The server no longer holds it.";
  }

  static String expiredText(SecretLinkStore.PurgedLink link) {
    if (link.title().equals(SecretPayload.SIGN_UP_TITLE)) {
      return ":hourglass: The sign-up link expired unclaimed and has been deleted. If the account"
          + " is not signed up yet, an approver can click *Send the sign-up details again* on the"
          + " card for a new link.";
    }
    return ":hourglass: The secret link expired unclaimed and has been deleted. Tokens are never"
        + " kept, so ask for fresh credentials (a new token) with `/dockerhub-user rotate "
        + link.pipeline() + "`.";
  }

  @Override
  public void claimed(long requestId, String linkId, Instant at) {
    executor.execute(() -> post(requestId, linkId, claimedText(at)));
  }

  @Override
  public void expired(SecretLinkStore.PurgedLink link) {
    executor.execute(() -> post(link.requestId(), link.id(), expiredText(link)));
  }

  private void post(long requestId, String linkId, String text) {
    try {
      var thread = threads.threadOf(requestId);
      if (thread.isEmpty()) {
        log.warn("no Slack thread for request {}; link {} event not posted", requestId, linkId);
        return;
      }
      ChatPostMessageResponse response =
          methods.chatPostMessage(
              r -> r.channel(thread.get().channel())
                  .threadTs(thread.get().ts())
                  .text(text)
                  .unfurlLinks(false)
                  .unfurlMedia(false));
      if (!response.isOk()) {
        log.warn("chat.postMessage for link {} of request {} failed: {}", linkId, requestId,
            response.getError());
      }
    } catch (Exception e) {
      log.warn("posting link {} event of request {} failed: {}", linkId, requestId, e.toString());
    }
  }
}
