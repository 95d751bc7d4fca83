package org.webops.dockerhubbot.storage;

import java.sql.Connection;
import java.sql.SQLException;
import org.webops.dockerhubbot.provisioning.LeaseLostException;
import org.webops.dockerhubbot.provisioning.RunLease;

/** The check every run write makes first, inside its own transaction. */
final class Fencing {
  private Fencing() {}

  /**
   * Throws {@link LeaseLostException} (rolling the transaction back) unless the lease is still
   * the operation's and has not run out by the database's clock, and the operation was not
   * cancelled (a revocation ends it). Locks the operation's row until
   * the commit, so a lease that runs out now cannot be taken over before this write is done.
   */
  static void requireLease(Connection connection, RunLease lease) throws SQLException {
    boolean held = !Jdbc.query(connection, "SELECT id FROM operations WHERE id = ?"
            + " AND run_owner = ? AND run_lease_until > CURRENT_TIMESTAMP"
            + " AND status <> 'CANCELLED' FOR UPDATE",
        row -> row.getLong(1), lease.operationId(), lease.owner()).isEmpty();
    if (!held) {
      lease.lose("another runner holds it, or it ran out");
      throw new LeaseLostException(lease.requestId(), "refused by the database");
    }
  }
}
