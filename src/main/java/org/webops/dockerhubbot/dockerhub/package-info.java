/**
 * Docker Hub API client ({@link org.webops.dockerhubbot.dockerhub.DockerHubClient}).
 *
 * <p>Where the spec (docker/docs {@code latest.yaml}) and the live API are known to disagree, and
 * what the client does:
 *
 * <ul>
 *   <li>{@code GET /v2/orgs/{org_name}/members}: spec shows an array of paginated objects; live
 *       answers one {@code {count, next, previous, results}} object. Both are read.
 *   <li>{@code POST /v2/invites/bulk}: spec nests {@code {"invitees": {"invitees": [...]}}}; live
 *       answers {@code {"invitees": [...]}}. Both are read.
 *   <li>{@code GET /v2/orgs/{org_name}/invites}: spec shows {@code {"data": [...]}}; the live shape
 *       is not confirmed, so {@code data}, {@code results} and a bare array are all read.
 *   <li>Rate limits: the spec names {@code Retry-After} (seconds); older answers used
 *       {@code X-Retry-After} (unix time). Both are honoured.
 *   <li>There is no endpoint to look up whether a Docker ID exists, to sign one up, or to accept
 *       an invitation: those remain human steps.
 * </ul>
 */
package org.webops.dockerhubbot.dockerhub;
