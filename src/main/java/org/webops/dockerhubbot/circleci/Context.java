package org.webops.dockerhubbot.circleci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A CircleCI context. */
public record Context(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("created_at") Instant createdAt) {}
