package org.webops.dockerhubbot.secretlinks;

import java.time.Instant;

/** What the Slack side hears about links. Called after the database change is committed. */
public interface SecretLinkEvents {
  void claimed(long requestId, String linkId, Instant at);

  /** The link reached its expiry without anyone revealing it. */
  void expired(long requestId, String linkId, String pipeline);

  SecretLinkEvents NONE =
      new SecretLinkEvents() {
        @Override
        public void claimed(long requestId, String linkId, Instant at) {}

        @Override
        public void expired(long requestId, String linkId, String pipeline) {}
      };
}
