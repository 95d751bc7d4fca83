package org.webops.dockerhubbot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.webops.dockerhubbot.secretlinks.SecretLinkEvents;
import org.webops.dockerhubbot.secretlinks.SecretLinkStore;

/** Counts one-time links created, claimed and expired unclaimed, then passes each event on. */
final class LinkMetrics implements SecretLinkEvents {
  /**
   * One counter with an {@code event} label: Prometheus reads a {@code _created} suffix as the
   * time a series was created, so {@code dhbot_secret_links_created_total} would lose its name.
   */
  static final String LINKS = "dhbot.secret.links";

  private final SecretLinkEvents next;
  private final Counter created;
  private final Counter claimed;
  private final Counter expired;

  LinkMetrics(MeterRegistry registry, SecretLinkEvents next) {
    this.next = next;
    this.created = counter(registry, "created");
    this.claimed = counter(registry, "claimed");
    this.expired = counter(registry, "expired");
  }

  private static Counter counter(MeterRegistry registry, String event) {
    return Counter.builder(LINKS)
        .description("One-time links created, claimed (revealed) and expired unclaimed")
        .tag("event", event).register(registry);
  }

  @Override
  public void created(long requestId) {
    created.increment();
    next.created(requestId);
  }

  @Override
  public void claimed(long requestId, String linkId, Instant at) {
    claimed.increment();
    next.claimed(requestId, linkId, at);
  }

  @Override
  public void expired(SecretLinkStore.PurgedLink link) {
    expired.increment();
    next.expired(link);
  }
}
