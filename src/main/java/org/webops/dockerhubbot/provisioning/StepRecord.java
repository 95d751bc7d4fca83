package org.webops.dockerhubbot.provisioning;

import java.time.Instant;
import java.util.Map;

/**
 * A step's stored state.
 *
 * @param detail for people: what was done, what it waits for or why it failed; never a secret
 * @param facts the step's non-secret results that later steps read (e.g. the Docker ID)
 */
public record StepRecord(StepId step, StepStatus status, String detail, Map<String, String> facts,
    Instant at) {

  public StepRecord {
    detail = detail == null ? "" : detail;
    facts = Map.copyOf(facts);
  }
}
