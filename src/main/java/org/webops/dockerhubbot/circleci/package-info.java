/**
 * CircleCI API v2 client ({@link org.webops.dockerhubbot.circleci.CircleCiClient}, with the area
 * clients {@link org.webops.dockerhubbot.circleci.ProjectClient},
 * {@link org.webops.dockerhubbot.circleci.ProjectVariableClient} and
 * {@link org.webops.dockerhubbot.circleci.ContextClient}).
 *
 * <p>Known differences between the stored spec and the live API, and what the client does:
 *
 * <ul>
 *   <li>The project slug is one path parameter; it is sent escaped ({@code gh%2Forg%2Frepo}), as
 *       CircleCI's CLI does and the live API accepts.
 *   <li>The live API also accepts {@code Authorization: Bearer} and filters {@code GET /context} by
 *       {@code name}; neither is in the stored spec, so the client uses {@code Circle-Token} and
 *       pages through all contexts to match a name.
 * </ul>
 *
 * <p>Evidence behind the behaviour that differs from a plain reading of the spec (issue 11):
 *
 * <ol start="9">
 *   <li><b>Project slugs.</b> Projects of GitHub App, GitLab and Bitbucket Data Center
 *       organisations are {@code circleci/<org id>/<project id>}, where the ids are CircleCI's
 *       short base62 ids or UUIDs (CircleCI's CLI and terraform provider treat slugs as opaque
 *       strings). {@link org.webops.dockerhubbot.circleci.ProjectSlug} accepts
 *       {@code gh}, {@code github}, {@code bb}, {@code bitbucket} and {@code circleci} slugs, and
 *       contexts are addressed by the {@code organization_id} the project lookup answers
 *       ({@code owner-id}), as the terraform provider does, never by cutting the slug apart.
 *   <li><b>Context names</b> may hold spaces and most printable characters, up to 200; the
 *       provider trims them and refuses vertical whitespace. The form accepts one such line, so an
 *       existing {@code Docker Hub} context is usable.
 *   <li><b>Project variables are paged.</b> {@code GET /project/{slug}/envvar} answers
 *       {@code next_page_token}, and the terraform provider follows it with {@code page-token}
 *       although the spec declares no parameter; every page is read before a variable counts as
 *       absent. The test copy of the spec carries the parameter, marked as added.
 * </ol>
 */
package org.webops.dockerhubbot.circleci;
