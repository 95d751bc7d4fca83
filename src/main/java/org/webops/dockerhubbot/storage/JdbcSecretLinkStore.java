package org.webops.dockerhubbot.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.webops.dockerhubbot.secretlinks.SecretLinkStore;

/**
 * {@link SecretLinkStore} on H2 (PostgreSQL mode) and PostgreSQL. The claim is a compare-and-set
 * on {@code claimed_at}, followed in the same transaction by reading and clearing the ciphertext:
 * the row lock taken by the first update makes every concurrent claimer wait and then match no row.
 */
public final class JdbcSecretLinkStore implements SecretLinkStore {
  private final DataSource dataSource;
  private final Jdbc jdbc;

  public JdbcSecretLinkStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public void insert(NewLink link, Optional<String> replacing) {
    jdbc.inTransaction(c -> {
      if (replacing.isPresent()) {
        voidEarlier(c, link, replacing.get());
      }
      insertIn(c, link);
      return null;
    });
  }

  private static void voidEarlier(Connection c, NewLink link, String title) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE secret_links SET replaced_at = ?,"
        + " ciphertext = NULL, iv = NULL WHERE request_id = ? AND title = ?"
        + " AND claimed_at IS NULL AND replaced_at IS NULL")) {
      ps.setObject(1, odt(link.createdAt()));
      ps.setLong(2, link.requestId());
      ps.setString(3, title);
      ps.executeUpdate();
    }
  }

  private static void insertIn(Connection c, NewLink link) throws SQLException {
    String sql =
        "INSERT INTO secret_links (id, request_id, audience, title, pipeline, ciphertext, iv,"
            + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, link.id());
      ps.setLong(2, link.requestId());
      ps.setString(3, link.audience());
      ps.setString(4, link.title());
      ps.setString(5, link.pipeline());
      ps.setString(6, Base64.getEncoder().encodeToString(link.ciphertext()));
      ps.setString(7, Base64.getEncoder().encodeToString(link.iv()));
      ps.setObject(8, odt(link.createdAt()));
      ps.setObject(9, odt(link.expiresAt()));
      ps.executeUpdate();
    }
  }

  @Override
  public int expireUnclaimed(long requestId, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE secret_links SET expires_at = ?,"
            + " ciphertext = NULL, iv = NULL WHERE request_id = ? AND claimed_at IS NULL"
            + " AND expires_at > ?")) {
      ps.setObject(1, odt(now));
      ps.setLong(2, requestId);
      ps.setObject(3, odt(now));
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StorageException("could not end the links of request " + requestId, e);
    }
  }

  @Override
  public boolean isReplaced(String id, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM secret_links WHERE id = ?"
            + " AND replaced_at IS NOT NULL AND expires_at > ?")) {
      ps.setString(1, id);
      ps.setObject(2, odt(now));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new StorageException("find secret link", e);
    }
  }

  @Override
  public Optional<LinkInfo> findClaimable(String id, Instant now) {
    String sql =
        "SELECT id, request_id, audience, title, pipeline, expires_at FROM secret_links"
            + " WHERE id = ? AND claimed_at IS NULL AND replaced_at IS NULL AND expires_at > ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      ps.setObject(2, odt(now));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new LinkInfo(
                rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), instant(rs, 6)));
      }
    } catch (SQLException e) {
      throw new StorageException("find secret link", e);
    }
  }

  @Override
  public Optional<ClaimedLink> claim(String id, Instant now) {
    return jdbc.inTransaction(c -> claimIn(c, id, now));
  }

  private static Optional<ClaimedLink> claimIn(Connection c, String id, Instant now)
      throws SQLException {
    try (PreparedStatement cas =
        c.prepareStatement(
            "UPDATE secret_links SET claimed_at = ? WHERE id = ? AND claimed_at IS NULL"
                + " AND expires_at > ? AND ciphertext IS NOT NULL")) {
      cas.setObject(1, odt(now));
      cas.setString(2, id);
      cas.setObject(3, odt(now));
      if (cas.executeUpdate() != 1) {
        return Optional.empty();
      }
    }
    long requestId;
    String ciphertext;
    String iv;
    try (PreparedStatement read =
        c.prepareStatement("SELECT request_id, ciphertext, iv FROM secret_links WHERE id = ?")) {
      read.setString(1, id);
      try (ResultSet rs = read.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("claimed row vanished");
        }
        requestId = rs.getLong(1);
        ciphertext = rs.getString(2);
        iv = rs.getString(3);
      }
    }
    try (PreparedStatement clear =
        c.prepareStatement("UPDATE secret_links SET ciphertext = NULL, iv = NULL WHERE id = ?")) {
      clear.setString(1, id);
      clear.executeUpdate();
    }
    return Optional.of(
        new ClaimedLink(
            id, requestId, Base64.getDecoder().decode(ciphertext), Base64.getDecoder().decode(iv),
            now));
  }

  @Override
  public List<PurgedLink> purgeExpired(Instant now) {
    List<PurgedLink> candidates = new ArrayList<>();
    List<PurgedLink> purged = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, request_id, title, pipeline, claimed_at, replaced_at FROM secret_links"
                  + " WHERE expires_at <= ?"
                  + " ORDER BY expires_at")) {
        ps.setObject(1, odt(now));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            candidates.add(
                new PurgedLink(
                    rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                    rs.getObject(5) != null, rs.getObject(6) != null));
          }
        }
      }
      // One delete per row, so that of two purgers (two instances) exactly one reports each row.
      try (PreparedStatement del =
          c.prepareStatement("DELETE FROM secret_links WHERE id = ? AND expires_at <= ?")) {
        for (PurgedLink p : candidates) {
          del.setString(1, p.id());
          del.setObject(2, odt(now));
          if (del.executeUpdate() == 1) {
            purged.add(p);
          }
        }
      }
    } catch (SQLException e) {
      throw new StorageException("purge expired secret links", e);
    }
    return purged;
  }

  static OffsetDateTime odt(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
