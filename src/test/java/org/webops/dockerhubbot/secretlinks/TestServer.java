package org.webops.dockerhubbot.secretlinks;

import org.webops.dockerhubbot.testing.MutableClock;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.webops.dockerhubbot.storage.Database;
import org.webops.dockerhubbot.storage.JdbcAuditLog;
import org.webops.dockerhubbot.storage.JdbcSecretLinkStore;
import org.webops.dockerhubbot.storage.TestDatabases;
import org.webops.dockerhubbot.web.SecretLinkRoutes;

/** A Javalin server on loopback with only the secret-link routes, over an H2 file database. */
final class TestServer implements AutoCloseable {
  final Database db;
  final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
  final List<String> events = new CopyOnWriteArrayList<>();
  final long requestId;
  final Javalin app;
  final String baseUrl;
  /** Creates links whose URLs point at this server. */
  final SecretLinks links;

  TestServer(Path dir, ClaimRateLimiter limiter) {
    db = TestDatabases.h2(dir);
    requestId = TestDatabases.insertRequest(db, "gh/org/repo");
    JdbcSecretLinkStore store = new JdbcSecretLinkStore(db.dataSource());
    JdbcAuditLog audit = new JdbcAuditLog(db.dataSource());
    SecretLinkEvents recorder =
        new SecretLinkEvents() {
          @Override
          public void claimed(long id, String linkId, Instant at) {
            events.add("claimed " + linkId);
          }

          @Override
          public void expired(SecretLinkStore.PurgedLink link) {
            events.add("expired " + link.id());
          }
        };
    // The routes never build URLs, so their instance can have any base; the port is known later.
    SecretLinks served =
        new SecretLinks(store, audit, recorder, clock, new SecureRandom(), "http://unused");
    SecretLinkRoutes routes = new SecretLinkRoutes(served, limiter);
    app =
        Javalin.create(
                cfg -> {
                  cfg.jetty.host = "127.0.0.1";
                  cfg.jetty.port = 0;
                  routes.addTo(cfg.routes);
                })
            .start();
    baseUrl = "http://127.0.0.1:" + app.port();
    links = new SecretLinks(store, audit, recorder, clock, new SecureRandom(), baseUrl);
  }

  @Override
  public void close() {
    app.stop();
    db.close();
  }
}
