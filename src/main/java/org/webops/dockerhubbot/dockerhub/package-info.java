/**
 * Docker Hub API client ({@link org.webops.dockerhubbot.dockerhub.DockerHubClient}, with the area
 * clients {@link org.webops.dockerhubbot.dockerhub.LoginClient},
 * {@link org.webops.dockerhubbot.dockerhub.PersonalTokenClient},
 * {@link org.webops.dockerhubbot.dockerhub.OrgTokenClient} and
 * {@link org.webops.dockerhubbot.dockerhub.OrganisationClient}).
 *
 * <p>Where the spec (docker/docs {@code latest.yaml}) and the live API are known to disagree, and
 * what the client does:
 *
 * <ul>
 *   <li>{@code GET /v2/orgs/{org_name}/members}: spec shows an array of paginated objects; live
 *       answers one {@code {count, next, previous, results}} object. Both are read.
 *   <li>{@code GET /v2/orgs/{org}/groups/{team}/members}: docker/hub-tool reads a bare array,
 *       Docker's terraform provider ({@code internal/hubclient}) a {@code {count, next, results}}
 *       page. Both are read.
 *   <li>{@code POST /v2/invites/bulk}: spec nests {@code {"invitees": {"invitees": [...]}}}; live
 *       answers {@code {"invitees": [...]}}. Both are read.
 *   <li>{@code GET /v2/orgs/{org_name}/invites}: spec shows {@code {"data": [...]}}; the live shape
 *       is not confirmed, so {@code data}, {@code results} and a bare array are all read.
 *   <li>Rate limits: the spec names {@code Retry-After} (seconds); older answers used
 *       {@code X-Retry-After} (unix time). Both are honoured.
 *   <li>There is no endpoint to look up whether a Docker ID exists, to sign one up, or to accept
 *       an invitation: those remain human steps.
 * </ul>
 *
 * <p>Evidence behind the behaviour that differs from a plain reading of the spec (issue 11):
 *
 * <ol>
 *   <li><b>Organisation tokens need an owner's password.</b> The terraform provider documents
 *       {@code docker_org_access_token} as usable only when signed in with the username and
 *       password of an organisation owner; the spec lists organisation tokens as an accepted
 *       credential for members, groups and invites but not for {@code /v2/orgs/{name}/access-tokens}.
 *       {@code workflow.CredentialKinds} therefore offers the organisation-token kind only with
 *       {@code DOCKERHUB_ADMIN_USER} + {@code DOCKERHUB_ADMIN_PASSWORD}; the fake answers 403 to an
 *       organisation-token session on those endpoints.
 *   <li><b>Writes never follow redirects.</b> The provider adds a member with
 *       {@code POST /v2/orgs/{org}/groups/{team}/members/} (trailing slash). OkHttp turns a
 *       redirected POST into a GET, which would look like success, so writes go through a client
 *       with redirects off and a 3xx is a {@link org.webops.dockerhubbot.http.RedirectedException}
 *       naming the location. The add is confirmed by reading the team back.
 *   <li><b>Invite statuses.</b> The spec's bulk-invite examples answer a status per invitee:
 *       {@code invited}, {@code existing_org_member}, {@code invalid_email_or_docker_id}. Invited
 *       or already a member goes on; anything else fails the step with the status as the reason.
 *   <li><b>Invitees are not members.</b> The members list carries {@code role: "Invitee"} for
 *       pending invitations (the spec's role enum is Owner, Member, Invitee); they do not count.
 *   <li><b>Dates.</b> The provider validates {@code expires_at} against
 *       {@code ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$} and the spec's examples carry
 *       at most six fractional digits; the client sends whole seconds.
 *   <li><b>Team names</b> follow the provider's rule {@code ^[a-zA-Z0-9_-]{3,30}$}, case kept.
 *   <li><b>Repository paths</b> of an organisation token are resources under the organisation's
 *       namespace or the special {@code *}{@code /*}{@code /public}, which is read-only: push is never asked
 *       for it, and other namespaces are refused on the form.
 *   <li><b>Token limits.</b> Docker documents 10 organisation tokens on Team and 100 on Business,
 *       expired ones counting until deleted. No client documents the limit error, so a refused
 *       create is recognised by its message (limit, maximum, too many) and the step fails saying
 *       how to free slots. Tokens the bot replaces are deleted.
 * </ol>
 */
package org.webops.dockerhubbot.dockerhub;
