package org.webops.dockerhubbot.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.secretlinks.SecretLinkStore;
import org.webops.dockerhubbot.secretlinks.SecretLinkStore.ClaimedLink;
import org.webops.dockerhubbot.secretlinks.SecretLinkStore.NewLink;
import org.webops.dockerhubbot.secretlinks.SecretLinkStore.PurgedLink;

/** The {@link SecretLinkStore} contract, on H2 in PostgreSQL mode. */
abstract class SecretLinkStoreContract {
  /** A freshly migrated, empty database. */
  abstract Database openDatabase(Path dir);

  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

  @TempDir Path dir;
  private Database db;
  private SecretLinkStore store;
  private long requestId;

  @BeforeEach
  void setUp() {
    db = openDatabase(dir);
    store = new JdbcSecretLinkStore(db.dataSource());
    requestId = TestDatabases.insertRequest(db, "gh/org/repo");
  }

  @AfterEach
  void tearDown() {
    if (db != null) {
      db.close();
    }
  }

  private NewLink link(String id, Instant expiresAt) {
    return new NewLink(
        id, requestId, "U0AUDIENCE", "Docker Hub credentials", "gh/org/repo",
        ("ciphertext-" + id).getBytes(StandardCharsets.UTF_8), new byte[12], T0, expiresAt);
  }

  @Test
  void findClaimable_freshLink_returnsMetadataAndLeavesItClaimable() {
    // given
    store.insert(link("a", T0.plus(Duration.ofHours(1))), Optional.empty());
    // when
    var first = store.findClaimable("a", T0);
    var second = store.findClaimable("a", T0);
    // then
    assertTrue(first.isPresent());
    assertEquals(requestId, first.get().requestId());
    assertEquals("gh/org/repo", first.get().pipeline());
    assertEquals("U0AUDIENCE", first.get().audience());
    assertEquals(T0.plus(Duration.ofHours(1)), first.get().expiresAt());
    assertEquals(first, second);
    assertTrue(store.claim("a", T0).isPresent());
  }

  @Test
  void claim_firstTime_returnsCiphertextAndClearsIt() {
    // given
    store.insert(link("a", T0.plus(Duration.ofHours(1))), Optional.empty());
    // when
    Optional<ClaimedLink> claimed = store.claim("a", T0.plusSeconds(5));
    // then
    assertTrue(claimed.isPresent());
    assertArrayEquals("ciphertext-a".getBytes(StandardCharsets.UTF_8), claimed.get().ciphertext());
    assertEquals(T0.plusSeconds(5), claimed.get().claimedAt());
    String row = TestDatabases.dumpTable(db, "secret_links");
    assertTrue(row.contains("ciphertext=null"), row);
    assertTrue(row.contains("iv=null"), row);
    assertTrue(store.findClaimable("a", T0.plusSeconds(6)).isEmpty());
  }

  @Test
  void claim_secondTime_returnsEmpty() {
    // given
    store.insert(link("a", T0.plus(Duration.ofHours(1))), Optional.empty());
    store.claim("a", T0);
    // when
    Optional<ClaimedLink> again = store.claim("a", T0.plusSeconds(1));
    // then
    assertTrue(again.isEmpty());
  }

  @Test
  void claimAndFind_expiredOrUnknown_returnEmpty() {
    // given
    store.insert(link("a", T0.plus(Duration.ofHours(1))), Optional.empty());
    Instant atExpiry = T0.plus(Duration.ofHours(1));
    // when / then
    assertTrue(store.findClaimable("a", atExpiry).isEmpty());
    assertTrue(store.claim("a", atExpiry).isEmpty());
    assertTrue(store.findClaimable("nope", T0).isEmpty());
    assertTrue(store.claim("nope", T0).isEmpty());
  }

  @Test
  void claim_fiftyConcurrentClaims_exactlyOneWins() throws Exception {
    // given
    store.insert(link("a", T0.plus(Duration.ofHours(1))), Optional.empty());
    int claimers = 50;
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<ClaimedLink>>> results = new ArrayList<>();
    try {
      for (int i = 0; i < claimers; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.claim("a", T0);
                }));
      }
      // when
      start.countDown();
      int winners = 0;
      for (Future<Optional<ClaimedLink>> result : results) {
        if (result.get(30, TimeUnit.SECONDS).isPresent()) {
          winners++;
        }
      }
      // then
      assertEquals(1, winners);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void purgeExpired_mixedRows_deletesOnlyExpiredAndTellsWhichWereClaimed() {
    // given
    store.insert(link("expired-unclaimed", T0.plusSeconds(10)), Optional.empty());
    store.insert(link("expired-claimed", T0.plusSeconds(20)), Optional.empty());
    store.insert(link("live", T0.plusSeconds(100)), Optional.empty());
    store.claim("expired-claimed", T0);
    // when
    List<PurgedLink> purged = store.purgeExpired(T0.plusSeconds(30));
    List<PurgedLink> again = store.purgeExpired(T0.plusSeconds(30));
    // then
    assertEquals(
        List.of(
            new PurgedLink("expired-unclaimed", requestId, "Docker Hub credentials", "gh/org/repo",
                false, false),
            new PurgedLink("expired-claimed", requestId, "Docker Hub credentials", "gh/org/repo",
                true, false)),
        purged);
    assertTrue(again.isEmpty());
    assertTrue(store.findClaimable("live", T0.plusSeconds(30)).isPresent());
    String table = TestDatabases.dumpTable(db, "secret_links");
    assertFalse(table.contains("expired-"), table);
  }

  @Test
  void insertReplacing_voidsTheRequestsUnclaimedLinksOfThatTitleOnly() {
    // given: two unclaimed sign-up links, one claimed, one of another title, one of another request
    long other = TestDatabases.insertRequest(db, "gh/org/other");
    Instant later = T0.plus(Duration.ofHours(1));
    store.insert(titled("first", requestId, "Sign-up"), Optional.empty());
    store.insert(titled("second", requestId, "Sign-up"), Optional.empty());
    store.insert(titled("claimed", requestId, "Sign-up"), Optional.empty());
    store.claim("claimed", T0);
    store.insert(titled("credentials", requestId, "Credentials"), Optional.empty());
    store.insert(titled("elsewhere", other, "Sign-up"), Optional.empty());

    // when
    store.insert(titled("newest", requestId, "Sign-up"), Optional.of("Sign-up"));

    // then
    for (String voided : List.of("first", "second")) {
      assertTrue(store.findClaimable(voided, T0).isEmpty(), voided);
      assertTrue(store.isReplaced(voided, T0), voided);
      assertTrue(store.claim(voided, T0).isEmpty(), voided);
    }
    assertFalse(store.isReplaced("claimed", T0));
    for (String live : List.of("credentials", "elsewhere", "newest")) {
      assertTrue(store.findClaimable(live, T0).isPresent(), live);
      assertFalse(store.isReplaced(live, T0), live);
    }
    String table = TestDatabases.dumpTable(db, "secret_links");
    assertFalse(table.contains("ciphertext=Y2lwaGVydGV4dC1maXJzd"), "the voided ciphertext is gone");
    assertEquals(List.of(true), store.purgeExpired(later).stream()
        .filter(p -> p.id().equals("first")).map(PurgedLink::wasReplaced).toList());
  }

  private NewLink titled(String id, long request, String title) {
    return new NewLink(id, request, "U0AUDIENCE", title, "gh/org/repo",
        ("ciphertext-" + id).getBytes(StandardCharsets.UTF_8), new byte[12], T0,
        T0.plus(Duration.ofMinutes(30)));
  }
}
