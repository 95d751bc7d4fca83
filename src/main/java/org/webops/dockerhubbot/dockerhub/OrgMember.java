package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A member of an organisation ({@code org_member}); role is Owner, Member or Invitee. */
public record OrgMember(
    @JsonProperty("id") String id,
    @JsonProperty("username") String username,
    @JsonProperty("email") String email,
    @JsonProperty("role") String role,
    @JsonProperty("groups") List<String> groups) {

  /**
   * Whether this entry is a pending invitation rather than a member: the members list carries
   * invitees with the role {@code Invitee} (Docker's terraform provider: "Owner", "Member",
   * "Invitee").
   */
  public boolean isInvitee() {
    return "invitee".equalsIgnoreCase(role);
  }
}
