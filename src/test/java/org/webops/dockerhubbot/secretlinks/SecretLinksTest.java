package org.webops.dockerhubbot.secretlinks;

import org.webops.dockerhubbot.testing.LogCapture;
import org.webops.dockerhubbot.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.storage.Database;
import org.webops.dockerhubbot.storage.JdbcAuditLog;
import org.webops.dockerhubbot.storage.JdbcSecretLinkStore;
import org.webops.dockerhubbot.storage.TestDatabases;

class SecretLinksTest {
  static final SecretPayload PAYLOAD =
      new SecretPayload(
          "Docker Hub credentials",
          "gh/org/repo",
          List.of(
              new SecretPayload.Field("Docker ID", "orgrepo4ci"),
              new SecretPayload.Field("Password", "Pw-7hq2!Zr9#kLm"),
              new SecretPayload.Field("E-mail alias", "webops+orgrepo4ci@example.org"),
              new SecretPayload.Field("Access token", "dckr_pat_SECRETTOKENVALUE123")),
          SecretPayload.circleCiAuthSnippet("DOCKER_USER", "DOCKER_ACCESS_TOKEN"));

  @TempDir Path dir;
  private Database db;
  private LogCapture logs;
  private MutableClock clock;
  private JdbcAuditLog audit;
  private SecretLinks links;
  private long requestId;
  private final List<String> events = new ArrayList<>();

  @BeforeEach
  void setUp() {
    logs = new LogCapture();
    db = TestDatabases.h2(dir);
    requestId = TestDatabases.insertRequest(db, "gh/org/repo");
    clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
    audit = new JdbcAuditLog(db.dataSource());
    SecretLinkEvents recorder =
        new SecretLinkEvents() {
          @Override
          public void claimed(long id, String linkId, Instant at) {
            events.add("claimed " + id + " " + linkId + " " + at);
          }

          @Override
          public void expired(SecretLinkStore.PurgedLink link) {
            events.add("expired " + link.requestId() + " " + link.id());
          }
        };
    links =
        new SecretLinks(
            new JdbcSecretLinkStore(db.dataSource()), audit, recorder, clock, new SecureRandom(),
            "https://bot.example.org/");
  }

  @AfterEach
  void tearDown() {
    logs.close();
    db.close();
  }

  static String keyOf(SecretLink link) {
    return link.url().getRawFragment();
  }

  static JsonNode decrypt(SecretLinks.Claimed claimed, String linkId, String key) throws Exception {
    byte[] plain =
        AesGcm.decrypt(
            Base64.getUrlDecoder().decode(key),
            Base64.getUrlDecoder().decode(claimed.iv()),
            Base64.getUrlDecoder().decode(claimed.ciphertext()),
            SecretLinks.aad(linkId));
    return new ObjectMapper().readTree(plain);
  }

  @Test
  void create_payload_returnsLinkWithIdPathAndKeyFragment() {
    // when
    SecretLink link = links.create(PAYLOAD, "U0AUDIENCE", requestId, Duration.ofHours(24));
    // then
    String url = link.url().toString();
    assertTrue(url.startsWith("https://bot.example.org/s/" + link.id() + "#"), url);
    assertEquals(22, link.id().length());
    assertEquals(32, Base64.getUrlDecoder().decode(keyOf(link)).length);
    assertEquals(clock.instant().plus(Duration.ofHours(24)), link.expiresAt());
    assertFalse(link.toString().contains(keyOf(link)));
  }

  @Test
  void claim_withFragmentKey_decryptsToThePayload() throws Exception {
    // given
    SecretLink link = links.create(PAYLOAD, "U0AUDIENCE", requestId, Duration.ofHours(24));
    // when
    SecretLinks.Claimed claimed = links.claim(link.id(), "127.0.0.1").orElseThrow();
    // then
    JsonNode json = decrypt(claimed, link.id(), keyOf(link));
    assertEquals("gh/org/repo", json.get("pipeline").asText());
    assertEquals("Password", json.get("fields").get(1).get("label").asText());
    assertEquals("Pw-7hq2!Zr9#kLm", json.get("fields").get(1).get("value").asText());
    assertTrue(json.get("authSnippet").asText().contains("$DOCKER_ACCESS_TOKEN"));
    assertTrue(links.claim(link.id(), "127.0.0.1").isEmpty());
  }

  @Test
  void decrypt_tamperedCiphertext_fails() {
    // given
    SecretLink link = links.create(PAYLOAD, "U0AUDIENCE", requestId, Duration.ofHours(24));
    SecretLinks.Claimed claimed = links.claim(link.id(), "127.0.0.1").orElseThrow();
    byte[] ct = Base64.getUrlDecoder().decode(claimed.ciphertext());
    ct[3] ^= 0x01;
    var tampered = new SecretLinks.Claimed(SecretLinks.base64Url(ct), claimed.iv());
    // when / then
    assertThrows(AesGcm.TamperedException.class, () -> decrypt(tampered, link.id(), keyOf(link)));
    String otherId = (link.id().charAt(0) == 'A' ? "B" : "A") + link.id().substring(1);
    assertThrows(AesGcm.TamperedException.class, () -> decrypt(claimed, otherId, keyOf(link)),
        "the link id is bound as AAD");
  }

  @Test
  void create_andClaim_keyAndPlaintextAppearInNoColumnNoAuditRowAndNoLog() {
    // given
    SecretLink link = links.create(PAYLOAD, "U0AUDIENCE", requestId, Duration.ofHours(24));
    String key = keyOf(link);
    String stored = TestDatabases.dumpTable(db, "secret_links");
    // when
    links.claim(link.id(), "127.0.0.1").orElseThrow();
    String afterClaim = TestDatabases.dumpTable(db, "secret_links");
    String auditRows = TestDatabases.dumpTable(db, "audit_events");
    // then
    assertTrue(stored.contains(link.id()), "sanity: the row is there");
    for (String text : List.of(stored, afterClaim, auditRows, logs.text())) {
      assertNoSecret(text, key);
    }
    assertTrue(logs.size() > 0, "sanity: something was logged");
  }

  static void assertNoSecret(String text, String key) {
    List<String> forbidden = new ArrayList<>(List.of(key, toStandardBase64(key)));
    PAYLOAD.fields().stream()
        .filter(f -> !f.label().equals("Docker ID") && !f.label().equals("E-mail alias"))
        .forEach(f -> forbidden.add(f.value()));
    forbidden.add("orgrepo4ci");
    for (String secret : forbidden) {
      assertFalse(text.contains(secret), "found a secret in: " + text);
    }
  }

  private static String toStandardBase64(String base64Url) {
    return Base64.getEncoder()
        .encodeToString(Base64.getUrlDecoder().decode(base64Url))
        .replace("=", "");
  }

  @Test
  void claim_winner_writesAuditRowAndFiresClaimedEvent() {
    // given
    SecretLink link = links.create(PAYLOAD, "U0AUDIENCE", requestId, Duration.ofHours(24));
    clock.advance(Duration.ofMinutes(5));
    // when
    links.claim(link.id(), "10.1.2.3");
    links.claim(link.id(), "10.1.2.3");
    // then
    assertEquals(List.of("claimed " + requestId + " " + link.id() + " " + clock.instant()), events);
    List<AuditEvent> rows = audit.forRequest(requestId);
    assertEquals(
        List.of("secret-link-created", "secret-link-claimed"),
        rows.stream().map(AuditEvent::action).toList());
    assertTrue(rows.get(1).detail().contains("10.1.2.3"));
  }

  @Test
  void find_unknownMalformedClaimedOrExpired_isEmpty() {
    // given
    SecretLink claimed = links.create(PAYLOAD, "U0AUDIENCE", requestId, Duration.ofHours(1));
    SecretLink expiring = links.create(PAYLOAD, "U0AUDIENCE", requestId, Duration.ofMinutes(1));
    links.claim(claimed.id(), "127.0.0.1");
    // when
    clock.advance(Duration.ofMinutes(1));
    // then
    assertTrue(links.find(claimed.id()).isEmpty());
    assertTrue(links.find(expiring.id()).isEmpty());
    assertTrue(links.find("AAAAAAAAAAAAAAAAAAAAAA").isEmpty());
    assertTrue(links.find("../../etc/passwd").isEmpty());
    assertTrue(links.claim(expiring.id(), "127.0.0.1").isEmpty());
  }

  @Test
  void toString_ofPayloadAndLink_printsNoValues() {
    String text = PAYLOAD + " " + PAYLOAD.fields();
    assertNoSecret(text, "unused-key");
    assertTrue(text.contains("Access token"));
  }

  @Test
  void create_nonPositiveTtl_isRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> links.create(PAYLOAD, "U0AUDIENCE", requestId, Duration.ZERO));
  }
}
