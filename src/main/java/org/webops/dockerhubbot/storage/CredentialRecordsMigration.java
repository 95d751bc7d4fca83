package org.webops.dockerhubbot.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.workflow.PipelineKey;

/**
 * Version 9, after the tables of version 8: what stored requests already hold, carried over to
 * the new records. Written in Java because it reads the steps' JSON facts, which H2 and
 * PostgreSQL would parse with different SQL.
 *
 * <ul>
 *   <li>Every token id recorded by a token step becomes a token record of generation 0 with the
 *       label it was made with: it is this request's, matched by its id only (the old label was
 *       shared by pipelines whose slugs differ only in punctuation).
 *   <li>The key of every live request becomes the normalised slug ({@link PipelineKey}). Should
 *       two live requests meet on one key, the newer keeps its old key and a warning says so.
 * </ul>
 */
final class CredentialRecordsMigration implements JavaMigration {
  private static final Logger log = LoggerFactory.getLogger(CredentialRecordsMigration.class);
  private static final Map<String, String> TOKEN_STEPS = Map.of(
      "CREATE_ORG_TOKEN", "ORG_TOKEN", "CREATE_PERSONAL_TOKEN", "PERSONAL_TOKEN");

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("9");
  }

  @Override
  public String getDescription() {
    return "credential records from step facts";
  }

  @Override
  public Integer getChecksum() {
    return 9;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    carryTokenIds(connection);
    normaliseKeys(connection);
  }

  private static void carryTokenIds(Connection connection) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (PreparedStatement select = connection.prepareStatement("SELECT s.request_id, s.step,"
            + " s.facts, r.pipeline FROM run_steps s JOIN requests r ON r.id = s.request_id"
            + " WHERE s.step IN ('CREATE_ORG_TOKEN', 'CREATE_PERSONAL_TOKEN')");
        ResultSet rows = select.executeQuery();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO credential_tokens"
            + " (request_id, generation, label, kind, token_id, state, created_at, updated_at)"
            + " VALUES (?, 0, ?, ?, ?, 'LIVE', ?, ?)")) {
      while (rows.next()) {
        String tokenId = JdbcRunStore.parse(rows.getString("facts")).get("token_id");
        if (tokenId == null || tokenId.isEmpty() || tokenId.equals("dry-run")) {
          continue;
        }
        String label = "circleci-" + rows.getString("pipeline").toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-");
        insert.setLong(1, rows.getLong("request_id"));
        insert.setString(2, label.length() > 100 ? label.substring(0, 100) : label);
        insert.setString(3, TOKEN_STEPS.get(rows.getString("step")));
        insert.setString(4, tokenId);
        insert.setObject(5, now);
        insert.setObject(6, now);
        insert.executeUpdate();
      }
    }
  }

  private static void normaliseKeys(Connection connection) throws SQLException {
    Map<Long, String> keys = new java.util.LinkedHashMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT id, pipeline FROM"
            + " requests WHERE active_pipeline IS NOT NULL ORDER BY id");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        keys.put(rows.getLong("id"), PipelineKey.of(rows.getString("pipeline")));
      }
    }
    try (PreparedStatement clear = connection.prepareStatement(
        "UPDATE requests SET active_pipeline = NULL WHERE active_pipeline IS NOT NULL")) {
      clear.executeUpdate();
    }
    Set<String> taken = new HashSet<>();
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE requests SET active_pipeline = ? WHERE id = ?")) {
      for (Map.Entry<Long, String> request : keys.entrySet()) {
        String key = request.getValue();
        if (!taken.add(key)) {
          // Still live, under a key no new request can meet: its approvers can end it.
          log.warn("Two live requests for {} (made before gh and github, or letter case, counted"
              + " as the same): request #{} keeps its own key", key, request.getKey());
          key = "duplicate:" + request.getKey();
        }
        update.setString(1, key);
        update.setLong(2, request.getKey());
        update.executeUpdate();
      }
    }
  }
}
