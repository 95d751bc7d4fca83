package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A member of a team ({@code group_member}). */
public record TeamMember(
    @JsonProperty("id") String id,
    @JsonProperty("username") String username,
    @JsonProperty("email") String email,
    @JsonProperty("type") String type) {}
