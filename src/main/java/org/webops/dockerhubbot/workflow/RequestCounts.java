package org.webops.dockerhubbot.workflow;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** How many requests there are in each state, and how many credentials expire soon. */
public interface RequestCounts {

  /**
   * @param byState every state, zero where no request is in it
   * @param expiring live credentials (done or rotating) whose token expires in the window asked
   */
  record Counts(Map<RequestState, Integer> byState, int expiring) {
    public Counts {
      Map<RequestState, Integer> all = new EnumMap<>(RequestState.class);
      for (RequestState state : RequestState.values()) {
        all.put(state, byState.getOrDefault(state, 0));
      }
      byState = Map.copyOf(all);
    }
  }

  /** Counts now, with the credentials whose token expires from {@code from} to before {@code to}. */
  Counts count(Instant from, Instant to);
}
