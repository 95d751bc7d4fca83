package org.webops.dockerhubbot.audit;

import java.util.List;

/** The append-only audit trail. */
public interface AuditLog {
  void record(AuditEvent event);

  List<AuditEvent> forRequest(long requestId);
}
