package org.webops.dockerhubbot.circleci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A context's environment variable; CircleCI never returns the value. */
public record ContextVariable(
    @JsonProperty("variable") String variable,
    @JsonProperty("context_id") String contextId,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {}
