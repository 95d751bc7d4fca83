package org.webops.dockerhubbot.storage;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;
import org.webops.dockerhubbot.workflow.RequestCounts;
import org.webops.dockerhubbot.workflow.RequestState;

/** Two indexed reads in one transaction: requests by state, and tokens about to expire. */
public final class JdbcRequestCounts implements RequestCounts {
  private final Jdbc jdbc;

  public JdbcRequestCounts(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Counts count(Instant from, Instant to) {
    return jdbc.inTransaction(connection -> {
      Map<RequestState, Integer> byState = new EnumMap<>(RequestState.class);
      for (Map.Entry<String, Integer> row : Jdbc.query(connection,
          "SELECT state, COUNT(*) FROM requests GROUP BY state",
          r -> Map.entry(r.getString(1), r.getInt(2)))) {
        byState.put(RequestState.valueOf(row.getKey()), row.getValue());
      }
      int expiring = Jdbc.query(connection, "SELECT COUNT(*) FROM requests"
              + " WHERE state IN (?, ?) AND expires_at >= ? AND expires_at < ?",
          r -> r.getInt(1), RequestState.DONE.name(), RequestState.ROTATING.name(), from, to)
          .get(0);
      return new Counts(byState, expiring);
    });
  }
}
