package org.webops.dockerhubbot.secretlinks;

import java.time.Instant;

/** What the Slack side hears about links. Called after the database change is committed. */
public interface SecretLinkEvents {
  /** A link was made; nothing to tell the thread (the step that made it does), only to count. */
  default void created(long requestId) {}

  void claimed(long requestId, String linkId, Instant at);

  /** The link reached its expiry without anyone revealing it, and is deleted. */
  void expired(SecretLinkStore.PurgedLink link);

  SecretLinkEvents NONE =
      new SecretLinkEvents() {
        @Override
        public void claimed(long requestId, String linkId, Instant at) {}

        @Override
        public void expired(SecretLinkStore.PurgedLink link) {}
      };
}
