package org.webops.dockerhubbot.secretlinks;

import java.util.Optional;

/** Finds the Slack thread of a request (its card in the approval channel). */
@FunctionalInterface
public interface RequestThreads {
  Optional<ThreadRef> threadOf(long requestId);

  /** A message to reply under: channel id and the parent message's {@code ts}. */
  record ThreadRef(String channel, String ts) {}
}
