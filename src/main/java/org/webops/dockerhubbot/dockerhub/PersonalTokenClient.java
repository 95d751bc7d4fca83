package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;
import org.webops.dockerhubbot.http.Json;

/**
 * The personal access tokens of the logged-in user, which must be a password login: Docker Hub
 * refuses token logins here.
 */
public final class PersonalTokenClient {

  static final String ACCESS_TOKENS = "/v2/access-tokens";
  static final String ACCESS_TOKEN = "/v2/access-tokens/{uuid}";

  private final DockerHubSession session;

  PersonalTokenClient(DockerHubSession session) {
    this.session = session;
  }

  /** {@code GET /v2/access-tokens}, all pages (values are never listed). */
  public List<PersonalAccessToken> list() {
    return session.pages(PersonalAccessToken.class, DockerHubSession::resultsPage, ACCESS_TOKENS);
  }

  /**
   * {@code POST /v2/access-tokens}: creates a personal access token. The answer is the only time
   * the token value is shown. Not retried.
   */
  public PersonalAccessToken create(String label, List<RepoScope> scopes, Instant expiresAt) {
    List<String> scopeNames = scopes.stream().map(RepoScope::value).toList();
    Request.Builder request = session.request(ACCESS_TOKENS)
        .post(Json.body(new CreateBody(label, scopeNames, expiresAt)));
    return session.write(request, "create personal access token '" + label + "' " + scopeNames)
        .map(response ->
            session.transport().read(request.build(), response, PersonalAccessToken.class))
        .orElseGet(() -> new PersonalAccessToken(
            "dry-run", label, scopeNames, true, session.now(), expiresAt, null, null));
  }

  /** {@code PATCH /v2/access-tokens/{uuid}} with {@code is_active: false}. Not retried. */
  public void deactivate(String uuid) {
    session.write(session.request(ACCESS_TOKEN, uuid)
            .patch(Json.body(new PatchBody(false))),
        "deactivate personal access token " + uuid);
  }

  /** {@code DELETE /v2/access-tokens/{uuid}}. */
  public void delete(String uuid) {
    session.write(session.request(ACCESS_TOKEN, uuid).delete(),
        "delete personal access token " + uuid);
  }

  private record CreateBody(
      @JsonProperty("token_label") String tokenLabel,
      @JsonProperty("scopes") List<String> scopes,
      @JsonProperty("expires_at") String expiresAt) {
    CreateBody(String tokenLabel, List<String> scopes, Instant expiresAt) {
      this(tokenLabel, scopes, DockerHubSession.wholeSeconds(expiresAt));
    }
  }

  private record PatchBody(@JsonProperty("is_active") boolean isActive) {}
}
