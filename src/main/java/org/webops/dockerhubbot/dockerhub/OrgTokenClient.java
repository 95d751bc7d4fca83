package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;
import org.webops.dockerhubbot.http.Json;

/**
 * An organisation's access tokens. Docker Hub lets only an owner's password login manage them
 * (see the package notes).
 */
public final class OrgTokenClient {

  static final String ORG_ACCESS_TOKENS = "/v2/orgs/{name}/access-tokens";
  static final String ORG_ACCESS_TOKEN = "/v2/orgs/{org_name}/access-tokens/{access_token_id}";

  private final DockerHubSession session;

  OrgTokenClient(DockerHubSession session) {
    this.session = session;
  }

  /** {@code GET /v2/orgs/{name}/access-tokens}, all pages (values are never listed). */
  public List<OrgAccessToken> list(String org) {
    return session.pages(
        OrgAccessToken.class, DockerHubSession::resultsPage, ORG_ACCESS_TOKENS, org);
  }

  /**
   * {@code POST /v2/orgs/{name}/access-tokens}: creates an organisation access token; the answer
   * is the only time its value ({@code dckr_oat_…}) is shown. Not retried.
   *
   * @param expiresAt null for a token that does not expire
   */
  public OrgAccessToken create(
      String org, String label, List<OrgTokenResource> resources, Instant expiresAt) {
    Request.Builder request = session.request(ORG_ACCESS_TOKENS, org)
        .post(Json.body(new CreateBody(label, resources, expiresAt)));
    return session.write(request,
            "create organisation access token '" + label + "' for " + resources)
        .map(response -> session.transport().read(request.build(), response, OrgAccessToken.class))
        .orElseGet(() -> new OrgAccessToken(
            "dry-run", label, true, session.now(), expiresAt, null, resources, null));
  }

  /** {@code DELETE /v2/orgs/{org_name}/access-tokens/{access_token_id}}. */
  public void delete(String org, String id) {
    session.write(session.request(ORG_ACCESS_TOKEN, org, id).delete(),
        "delete organisation access token " + id);
  }

  private record CreateBody(
      @JsonProperty("label") String label,
      @JsonProperty("resources") List<OrgTokenResource> resources,
      @JsonProperty("expires_at") String expiresAt) {
    CreateBody(String label, List<OrgTokenResource> resources, Instant expiresAt) {
      this(label, resources, DockerHubSession.wholeSeconds(expiresAt));
    }
  }
}
