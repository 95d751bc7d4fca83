package org.webops.dockerhubbot.provisioning;

import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.webops.dockerhubbot.workflow.CredentialTimes;
import java.util.concurrent.ConcurrentHashMap;
import org.webops.dockerhubbot.workflow.Decision;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.Transition;
import org.webops.dockerhubbot.workflow.VariableClaim;

/**
 * Requests in memory, for the runner's unit tests: {@link #find} and {@link #apply} (a
 * compare-and-set on the state, as the database makes it); the rest is not the runner's and
 * throws.
 */
final class InMemoryRequests implements RequestRepository {
  private final Map<Long, ProvisioningRequest> requests = new ConcurrentHashMap<>();

  void put(ProvisioningRequest request) {
    requests.put(request.id(), request);
  }

  @Override
  public Optional<ProvisioningRequest> find(long id) {
    return Optional.ofNullable(requests.get(id));
  }

  @Override
  public synchronized boolean apply(long id, Transition transition, Move move) {
    ProvisioningRequest r = requests.get(id);
    if (r == null || !transition.startsFrom(r.state())) {
      return false;
    }
    Optional<Decision> decision = transition.decides()
        ? Optional.of(new Decision(move.by(), move.at(), Optional.of(move.note())
            .filter(note -> !note.isEmpty())))
        : r.decision();
    requests.put(id, new ProvisioningRequest(r.id(), r.requester(), r.originChannel(), r.spec(),
        r.dryRun(), transition.to(), decision, r.card(), r.createdAt(), r.project()));
    return true;
  }

  @Override
  public ProvisioningRequest create(NewRequest request) {
    throw new UnsupportedOperationException("not the runner's");
  }

  @Override
  public Optional<ProvisioningRequest> findLive(String pipeline, Optional<String> projectId) {
    throw new UnsupportedOperationException("not the runner's");
  }

  @Override
  public Optional<ProvisioningRequest> claimant(List<VariableClaim> claims) {
    throw new UnsupportedOperationException("not the runner's");
  }

  @Override
  public CredentialTimes times(long id) {
    throw new UnsupportedOperationException("not the runner's");
  }

  @Override
  public List<Expiring> expiringBefore(Instant before, int limit) {
    throw new UnsupportedOperationException("not the runner's");
  }

  @Override
  public List<Credential> credentials(int limit) {
    throw new UnsupportedOperationException("not the runner's");
  }

  @Override
  public List<ProvisioningRequest> inStates(Set<RequestState> states, int limit) {
    throw new UnsupportedOperationException("not the runner's");
  }

  @Override
  public List<ProvisioningRequest> mineOrPending(String user, int limit) {
    throw new UnsupportedOperationException("not the runner's");
  }
}
