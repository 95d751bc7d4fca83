package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A pending invitation ({@code invite}); {@code invitee} is a Docker ID or an e-mail address. */
public record OrgInvite(
    @JsonProperty("id") String id,
    @JsonProperty("invitee") String invitee,
    @JsonProperty("inviter_username") String inviterUsername,
    @JsonProperty("org") String org,
    @JsonProperty("team") String team,
    @JsonProperty("created_at") String createdAt) {}
