package org.webops.dockerhubbot.secretlinks;

import org.webops.dockerhubbot.testing.LogCapture;
import org.webops.dockerhubbot.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.storage.Database;
import org.webops.dockerhubbot.storage.JdbcAuditLog;
import org.webops.dockerhubbot.storage.JdbcSecretLinkStore;
import org.webops.dockerhubbot.storage.TestDatabases;

class ExpiredLinkPurgerTest {
  @TempDir Path dir;
  private Database db;
  private LogCapture logs;
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
  private final List<String> expired = new CopyOnWriteArrayList<>();
  private final CountDownLatch expiredSeen = new CountDownLatch(1);
  private JdbcSecretLinkStore store;
  private JdbcAuditLog audit;
  private SecretLinks links;
  private long requestId;
  private ScheduledExecutorService scheduler;

  @BeforeEach
  void setUp() {
    logs = new LogCapture();
    db = TestDatabases.h2(dir);
    requestId = TestDatabases.insertRequest(db, "gh/org/repo");
    store = new JdbcSecretLinkStore(db.dataSource());
    audit = new JdbcAuditLog(db.dataSource());
    links = new SecretLinks(store, audit, SecretLinkEvents.NONE, clock, new SecureRandom(),
        "https://bot.example.org");
    scheduler = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void tearDown() {
    scheduler.shutdownNow();
    db.close();
    logs.close();
  }

  private ExpiredLinkPurger purger(Duration interval) {
    SecretLinkEvents events =
        new SecretLinkEvents() {
          @Override
          public void claimed(long id, String linkId, Instant at) {}

          @Override
          public void expired(SecretLinkStore.PurgedLink link) {
            expired.add(link.requestId() + " " + link.id() + " " + link.pipeline());
            expiredSeen.countDown();
          }
        };
    return new ExpiredLinkPurger(store, audit, events, scheduler, clock, interval);
  }

  @Test
  void purgeOnce_expiredLinks_auditsEachAndFiresExpiredOnlyForUnclaimed() {
    // given
    SecretLink unclaimed = links.create(SecretLinksTest.PAYLOAD, "U0A", requestId,
        Duration.ofHours(1));
    SecretLink claimed = links.create(SecretLinksTest.PAYLOAD, "U0A", requestId,
        Duration.ofHours(1));
    SecretLink live = links.create(SecretLinksTest.PAYLOAD, "U0A", requestId, Duration.ofHours(2));
    links.claim(claimed.id(), "127.0.0.1");
    clock.advance(Duration.ofHours(1));
    // when
    var purged = purger(Duration.ofMinutes(5)).purgeOnce();
    // then
    assertEquals(2, purged.size());
    assertEquals(List.of(requestId + " " + unclaimed.id() + " gh/org/repo"), expired);
    List<String> actions = audit.forRequest(requestId).stream().map(AuditEvent::action).toList();
    assertTrue(actions.contains("secret-link-expired"), actions.toString());
    assertTrue(actions.contains("secret-link-purged"), actions.toString());
    assertTrue(links.find(live.id()).isPresent());
    String auditRows = TestDatabases.dumpTable(db, "audit_events");
    SecretLinksTest.assertNoSecret(auditRows, SecretLinksTest.keyOf(unclaimed));
    SecretLinksTest.assertNoSecret(logs.text(), SecretLinksTest.keyOf(unclaimed));
  }

  @Test
  void start_scheduled_purgesOnTheExecutor() throws Exception {
    // given
    SecretLink link = links.create(SecretLinksTest.PAYLOAD, "U0A", requestId, Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(2));
    // when
    try (ExpiredLinkPurger purger = purger(Duration.ofMillis(20))) {
      purger.start();
      // then
      assertTrue(expiredSeen.await(10, TimeUnit.SECONDS), "the scheduled purge ran");
    }
    assertEquals(List.of(requestId + " " + link.id() + " gh/org/repo"), expired);
  }
}
