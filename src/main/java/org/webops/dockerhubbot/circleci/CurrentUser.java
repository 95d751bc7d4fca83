package org.webops.dockerhubbot.circleci;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /me}: the user whose token the bot holds. */
public record CurrentUser(
    @JsonProperty("id") String id,
    @JsonProperty("login") String login,
    @JsonProperty("name") String name) {}
