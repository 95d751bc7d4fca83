package org.webops.dockerhubbot.storage;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.webops.dockerhubbot.workflow.CardStore;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestState;

/** The card columns of {@code requests}. */
public final class JdbcCardStore implements CardStore {
  private final Jdbc jdbc;

  public JdbcCardStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public boolean leaseCard(long id, Instant now, Instant until) {
    return jdbc.update("UPDATE requests SET card_lease_until = ? WHERE id = ? AND card_ts IS NULL"
        + " AND (card_lease_until IS NULL OR card_lease_until < ?)", until, id, now) == 1;
  }

  @Override
  public void releaseCardLease(long id) {
    jdbc.update("UPDATE requests SET card_lease_until = NULL WHERE id = ? AND card_ts IS NULL", id);
  }

  @Override
  public void releaseCardLeases() {
    jdbc.update("UPDATE requests SET card_lease_until = NULL WHERE card_lease_until IS NOT NULL");
  }

  @Override
  public void attachCard(long id, MessageRef card, RequestState shown) {
    jdbc.update("UPDATE requests SET card_channel = ?, card_ts = ?, card_state = ?,"
        + " card_lease_until = NULL WHERE id = ?", card.channel(), card.ts(), shown.name(), id);
  }

  @Override
  public List<ProvisioningRequest> withStaleCard(int limit) {
    return jdbc.query("SELECT " + RequestRows.COLUMNS + " FROM requests WHERE card_ts IS NOT NULL"
        + " AND (card_state IS NULL OR card_state <> state OR card_progress <> progress)"
        + " ORDER BY id LIMIT " + Math.max(1, limit),
        RequestRows::map);
  }

  @Override
  public List<ProvisioningRequest> withoutCard(Instant now, int limit) {
    return jdbc.query("SELECT " + RequestRows.COLUMNS + " FROM requests WHERE state = ? AND card_ts IS NULL"
        + " AND (card_lease_until IS NULL OR card_lease_until < ?) ORDER BY id LIMIT "
        + Math.max(1, limit), RequestRows::map, RequestState.PENDING_APPROVAL.name(), now);
  }

  @Override
  public void cardShows(long requestId, RequestState state, int progress) {
    jdbc.update("UPDATE requests SET card_state = ?, card_progress = ? WHERE id = ?",
        state.name(), progress, requestId);
  }
}
