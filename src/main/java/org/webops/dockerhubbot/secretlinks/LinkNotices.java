package org.webops.dockerhubbot.secretlinks;

import java.time.Instant;
import java.util.List;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.notices.NoticeStore;

/** Tells a request's thread of its links through the outbox, like every other notice. */
public final class LinkNotices implements SecretLinkEvents {
  private final NoticeStore outbox;
  private final Runnable deliver;

  /** @param deliver starts delivering the outbox soon (the relay's nudge) */
  public LinkNotices(NoticeStore outbox, Runnable deliver) {
    this.outbox = outbox;
    this.deliver = deliver;
  }

  @Override
  public void claimed(long requestId, String linkId, Instant at) {
    tell(requestId, new LinkEvent.LinkOpened(at));
  }

  @Override
  public void expired(SecretLinkStore.PurgedLink link) {
    tell(link.requestId(), new LinkEvent.LinkExpired(
        link.title().equals(SecretPayload.SIGN_UP_TITLE), link.pipeline()));
  }

  private void tell(long requestId, LinkEvent event) {
    outbox.add(List.of(Notice.thread(requestId, event)));
    deliver.run();
  }
}
