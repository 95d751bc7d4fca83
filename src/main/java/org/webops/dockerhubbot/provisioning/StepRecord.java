package org.webops.dockerhubbot.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.webops.dockerhubbot.text.Prose;

/**
 * A step's stored state.
 *
 * @param detail for people: what was done, what it waits for or why it failed; never a secret
 * @param facts the step's non-secret results that later steps read (e.g. the Docker ID)
 */
public record StepRecord(StepId step, StepStatus status, Prose detail, Map<String, String> facts,
    Instant at) {

  public StepRecord {
    detail = detail == null ? Prose.of() : detail;
    facts = Map.copyOf(facts);
  }

  public static StepRecord running(StepId step, Instant at) {
    return new StepRecord(step, StepStatus.RUNNING, Prose.of(), Map.of(), at);
  }

  public static StepRecord done(StepId step, List<Prose> lines, Map<String, String> facts,
      Instant at) {
    return new StepRecord(step, StepStatus.DONE, Prose.join("\n", lines), facts, at);
  }

  public static StepRecord waiting(StepId step, Prose detail, Instant at) {
    return new StepRecord(step, StepStatus.WAITING, detail, Map.of(), at);
  }

  public static StepRecord failed(StepId step, String reason, Instant at) {
    return new StepRecord(step, StepStatus.FAILED, Prose.of(reason), Map.of(), at);
  }
}
