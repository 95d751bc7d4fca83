package org.webops.dockerhubbot.audit;

import java.util.List;

/** The append-only audit trail. */
public interface AuditLog {
  void record(AuditEvent event);

  List<AuditEvent> forRequest(long requestId);

  /** The request's newest {@code limit} entries, oldest of them first, and the total count. */
  AuditTrail recent(long requestId, int limit);
}
