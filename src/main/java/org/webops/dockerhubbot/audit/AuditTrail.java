package org.webops.dockerhubbot.audit;

import java.util.List;

/**
 * The newest entries of a request's audit trail, oldest of them first, and how many entries the
 * trail has in all.
 */
public record AuditTrail(List<AuditEvent> latest, int total) {
  public AuditTrail {
    latest = List.copyOf(latest);
  }
}
