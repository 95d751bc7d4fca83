/**
 * CircleCI API v2 client ({@link org.webops.dockerhubbot.circleci.CircleCiClient}).
 *
 * <p>Known differences between the stored spec and the live API, and what the client does:
 *
 * <ul>
 *   <li>The project slug is one path parameter; it is sent escaped ({@code gh%2Forg%2Frepo}), as
 *       CircleCI's CLI does and the live API accepts.
 *   <li>{@code GET /project/{slug}/envvar} answers {@code next_page_token} but the spec declares no
 *       page-token parameter: only the first page is read.
 *   <li>The live API also accepts {@code Authorization: Bearer} and filters {@code GET /context} by
 *       {@code name}; neither is in the stored spec, so the client uses {@code Circle-Token} and
 *       pages through all contexts to match a name.
 * </ul>
 */
package org.webops.dockerhubbot.circleci;
