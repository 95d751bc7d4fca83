package org.webops.dockerhubbot.workflow;

import java.time.Instant;
import java.util.Optional;

/**
 * A request as stored.
 *
 * @param project how CircleCI named the project when the form's lookup answered
 */
public record ProvisioningRequest(
    long id,
    String requester,
    Optional<String> originChannel,
    RequestSpec spec,
    boolean dryRun,
    RequestState state,
    Optional<Decision> decision,
    Optional<MessageRef> card,
    Instant createdAt,
    Optional<ProjectIds> project) {}
