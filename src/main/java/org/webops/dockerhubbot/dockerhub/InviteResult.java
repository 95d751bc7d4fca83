package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One invitee's outcome in the answer to {@code POST /v2/invites/bulk}. */
public record InviteResult(
    @JsonProperty("invitee") String invitee,
    @JsonProperty("status") String status,
    @JsonProperty("invite") OrgInvite invite) {}
