package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Request;
import org.webops.dockerhubbot.http.ApiResponse;
import org.webops.dockerhubbot.http.Endpoint;
import org.webops.dockerhubbot.http.Json;

/** An organisation's members, invitations and teams. */
public final class OrganisationClient {

  static final String ORG_MEMBERS = "/v2/orgs/{org_name}/members";
  static final String ORG_MEMBER = "/v2/orgs/{org_name}/members/{username}";
  static final String ORG_INVITES = "/v2/orgs/{org_name}/invites";
  static final String BULK_INVITES = "/v2/invites/bulk";
  static final String INVITE = "/v2/invites/{id}";
  static final String TEAM_MEMBERS = "/v2/orgs/{org_name}/groups/{group_name}/members";
  static final String TEAM_MEMBER = "/v2/orgs/{org_name}/groups/{group_name}/members/{username}";

  private final DockerHubSession session;

  OrganisationClient(DockerHubSession session) {
    this.session = session;
  }

  /**
   * {@code GET /v2/orgs/{org_name}/members}, all pages. The spec shows an array of paginated
   * objects; the live API answers one {@code {count, next, previous, results}} object. Both are
   * read.
   */
  public List<OrgMember> listMembers(String org) {
    return session.pages(OrgMember.class, tree -> {
      if (!tree.isArray()) {
        return DockerHubSession.resultsPage(tree);
      }
      // Spec shape: [ {count, next, previous, results: [...]}, ... ]
      List<JsonNode> items = new ArrayList<>();
      boolean hasNext = false;
      for (JsonNode page : tree) {
        DockerHubSession.Page inner = DockerHubSession.resultsPage(page);
        items.addAll(inner.items());
        hasNext = inner.hasNext();
      }
      return new DockerHubSession.Page(items, hasNext);
    }, ORG_MEMBERS, org);
  }

  /**
   * {@code GET /v2/orgs/{org_name}/invites}: pending invitations. The spec shows
   * {@code {"data": [...]}}; a {@code results} list or a bare array is read as well.
   */
  public List<OrgInvite> listInvites(String org) {
    Request request = session.request(ORG_INVITES, org).get().build();
    ApiResponse response = session.authorized(request.newBuilder());
    JsonNode tree = session.transport().tree(request, response);
    JsonNode list = tree.isArray() ? tree : tree.has("data") ? tree.get("data") : tree.get("results");
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw session.transport().unexpected(request, response, "invites are not a list");
    }
    return session.transport()
        .convert(request, response, list, DockerHubSession.listOf(OrgInvite.class));
  }

  /**
   * {@code POST /v2/invites/bulk}: invites Docker IDs or e-mail addresses into the organisation and
   * team. The spec nests the answer ({@code {"invitees": {"invitees": [...]}}}); the live API
   * answers {@code {"invitees": [...]}} flat. Both are read. Not retried.
   *
   * @param role e.g. {@code member}
   */
  public List<InviteResult> bulkInvite(String org, String team, String role, List<String> invitees) {
    Request.Builder request = session.request(BULK_INVITES)
        .post(Json.body(new BulkInviteBody(org, team, role, invitees, null)));
    return session.write(request,
            "invite " + invitees + " into " + org + "/" + team + " as " + role)
        .map(response -> inviteResults(request.build(), response))
        .orElseGet(() -> invitees.stream().map(i -> new InviteResult(i, "dry_run", null)).toList());
  }

  private List<InviteResult> inviteResults(Request sent, ApiResponse response) {
    JsonNode list = session.transport().tree(sent, response).path("invitees");
    if (list.isObject()) {
      list = list.path("invitees"); // the spec's nested shape
    }
    if (!list.isArray()) {
      throw session.transport().unexpected(sent, response, "no invitees list in the answer");
    }
    return session.transport()
        .convert(sent, response, list, DockerHubSession.listOf(InviteResult.class));
  }

  /** {@code DELETE /v2/invites/{id}}: cancels a pending invitation. */
  public void deleteInvite(String id) {
    session.write(session.request(INVITE, id).delete(),
        "cancel invitation " + id);
  }

  /**
   * {@code GET /v2/orgs/{org_name}/groups/{group_name}/members}, all pages; read as a page object
   * or a bare array.
   */
  public List<TeamMember> listTeamMembers(String org, String team) {
    return session.pages(TeamMember.class, tree -> {
      if (!tree.isArray()) {
        return DockerHubSession.resultsPage(tree);
      }
      // docker/hub-tool reads a bare array (no pages); the spec and Docker's terraform
      // provider a {count, next, previous, results} page.
      List<JsonNode> items = new ArrayList<>();
      tree.forEach(items::add);
      return new DockerHubSession.Page(items, false);
    }, TEAM_MEMBERS, org, team);
  }

  /** Whether the Docker ID is in the team (case-insensitive). */
  public boolean isTeamMember(String org, String team, String username) {
    String wanted = username.toLowerCase(Locale.ROOT);
    return listTeamMembers(org, team).stream().anyMatch(
        m -> m.username() != null && wanted.equals(m.username().toLowerCase(Locale.ROOT)));
  }

  /**
   * {@code POST /v2/orgs/{org_name}/groups/{group_name}/members/}: adds an organisation member
   * (the invitation must have been accepted) to a team. Not retried.
   */
  public void addTeamMember(String org, String team, String username) {
    // With the trailing slash, as Docker's own clients send it: without, Docker Hub redirects.
    session.write(session.request(TEAM_MEMBERS, org, team)
            .url(session.url(TEAM_MEMBERS, org, team).newBuilder().addPathSegment("").build())
            .tag(Endpoint.class, new Endpoint(TEAM_MEMBERS + "/"))
            .post(Json.body(new AddMemberBody(username))),
        "add " + username + " to team " + org + "/" + team);
  }

  /** {@code DELETE /v2/orgs/{org_name}/groups/{group_name}/members/{username}}. */
  public void removeTeamMember(String org, String team, String username) {
    session.write(session.request(TEAM_MEMBER, org, team, username).delete(),
        "remove " + username + " from team " + org + "/" + team);
  }

  /**
   * {@code DELETE /v2/orgs/{org_name}/members/{username}}: removes the member from the
   * organisation and every team in it. Docker Hub answers 404 for someone who is not a member.
   */
  public void removeMember(String org, String username) {
    session.write(session.request(ORG_MEMBER, org, username).delete(),
        "remove " + username + " from organisation " + org);
  }

  private record BulkInviteBody(
      @JsonProperty("org") String org,
      @JsonProperty("team") String team,
      @JsonProperty("role") String role,
      @JsonProperty("invitees") List<String> invitees,
      @JsonProperty("dry_run") Boolean dryRun) {}

  private record AddMemberBody(@JsonProperty("member") String member) {}
}
