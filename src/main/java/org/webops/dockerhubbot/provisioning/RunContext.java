package org.webops.dockerhubbot.provisioning;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;

/**
 * What a step sees of its run: the operation and its request, why the run goes now, the facts
 * earlier steps recorded, how many times the bot has polled a waiting step, and the run's lease,
 * which every write and every external call of the step must be fenced by.
 */
public record RunContext(
    Operation operation, ProvisioningRequest request, Trigger trigger, Map<String, String> facts,
    int polls, Instant now, RunLease lease) {

  public RunContext {
    facts = Map.copyOf(facts);
  }

  public long requestId() {
    return request.id();
  }

  public boolean dryRun() {
    return request.dryRun();
  }

  /** The approver who approved: the one who does the manual steps and gets the links. */
  public String approver() {
    return request.decision().orElseThrow().by();
  }

  /** The person whose click runs the step now, if one did. */
  public Optional<String> person() {
    return trigger instanceof Trigger.Person person ? Optional.of(person.user()) : Optional.empty();
  }

  public Optional<String> fact(String name) {
    return Optional.ofNullable(facts.get(name));
  }

  public String requireFact(String name) {
    return fact(name).orElseThrow(() -> new IllegalStateException(
        "request #" + request.id() + " has no " + name + " recorded by an earlier step"));
  }
}
