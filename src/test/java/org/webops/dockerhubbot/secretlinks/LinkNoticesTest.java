package org.webops.dockerhubbot.secretlinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.notices.NoticeStore;
import org.webops.dockerhubbot.notices.PendingNotice;

class LinkNoticesTest {
  private final List<Notice> added = new ArrayList<>();
  private final AtomicInteger nudges = new AtomicInteger();
  private final LinkNotices notices = new LinkNotices(new NoticeStore() {
    @Override
    public void add(List<Notice> notices) {
      added.addAll(notices);
    }

    @Override
    public List<PendingNotice> claim(String owner, Duration leaseFor, int limit) {
      return List.of();
    }

    @Override
    public void delivered(long id, String owner) {}

    @Override
    public void retryLater(long id, String owner, Duration retryIn) {}

    @Override
    public void releaseAll() {}

    @Override
    public int purgeDelivered(Duration age) {
      return 0;
    }
  }, nudges::incrementAndGet);

  @Test
  void claimed_threadNoticeInTheOutboxThenDelivered() {
    Instant at = Instant.parse("2030-01-01T10:42:07Z");

    notices.claimed(12, "OLumx4zGDW8JRkjsiR6XEg", at);

    assertThat(added).containsExactly(Notice.thread(12, new LinkEvent.LinkOpened(at)));
    assertThat(nudges).hasValue(1);
  }

  @Test
  void expired_signUpTitle_toldAsASignUpLink() {
    notices.expired(new SecretLinkStore.PurgedLink("id", 12, SecretPayload.SIGN_UP_TITLE,
        "gh/org/repo", false, false));
    notices.expired(new SecretLinkStore.PurgedLink("id2", 12, "Docker Hub credentials for CircleCI",
        "gh/org/repo", false, false));

    assertThat(added).containsExactly(
        Notice.thread(12, new LinkEvent.LinkExpired(true, "gh/org/repo")),
        Notice.thread(12, new LinkEvent.LinkExpired(false, "gh/org/repo")));
  }
}
