package org.webops.dockerhubbot.dockerhub;

import java.time.Clock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.webops.dockerhubbot.http.CallMeter;
import org.webops.dockerhubbot.http.Fence;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.Sleeper;

/**
 * Client for the Docker Hub API ({@code specs/dockerhub-hub-api.yaml}), handing out one client per
 * area: {@link #logins()}, {@link #personalTokens()}, {@link #orgTokens()} and
 * {@link #organisation()}. Acts as one {@link DockerHubCredential}; {@link #forCredential} gives a
 * client for another identity that shares the HTTP client and the login-token cache.
 *
 * <p>Logs in lazily, caches the login token per identity until a minute before it expires and logs
 * in again once when a call answers 401. Logins are never retried. In dry-run, writes (POST, PUT,
 * PATCH, DELETE other than logins) are described and not sent; reads and logins are sent.
 */
public final class DockerHubClient {

  public static final String DEFAULT_BASE_URL = "https://hub.docker.com";

  private final DockerHubSession session;
  private final LoginClient logins;
  private final PersonalTokenClient personalTokens;
  private final OrgTokenClient orgTokens;
  private final OrganisationClient organisation;

  /** A client with the default retry policy, real sleeping and the system clock. */
  public DockerHubClient(
      String baseUrl, OkHttpClient http, DockerHubCredential credential, boolean dryRun) {
    this(HttpUrl.get(baseUrl), http, credential, dryRun, RetryPolicy.defaults(), Sleeper.REAL,
        Clock.systemUTC());
  }

  public DockerHubClient(HttpUrl baseUrl, OkHttpClient http, DockerHubCredential credential,
      boolean dryRun, RetryPolicy retryPolicy, Sleeper sleeper, Clock clock) {
    this(baseUrl, http, credential, dryRun, retryPolicy, sleeper, clock, CallMeter.NONE);
  }

  /** @param meter told of every call and retry, by endpoint template */
  public DockerHubClient(HttpUrl baseUrl, OkHttpClient http, DockerHubCredential credential,
      boolean dryRun, RetryPolicy retryPolicy, Sleeper sleeper, Clock clock, CallMeter meter) {
    this(new DockerHubSession(baseUrl, http, credential, dryRun, retryPolicy, sleeper, clock,
        meter));
  }

  private DockerHubClient(DockerHubSession session) {
    this.session = session;
    this.logins = new LoginClient(session);
    this.personalTokens = new PersonalTokenClient(session);
    this.orgTokens = new OrgTokenClient(session);
    this.organisation = new OrganisationClient(session);
  }

  /** A client acting as another identity, sharing this one's HTTP client and token cache. */
  public DockerHubClient forCredential(DockerHubCredential other) {
    return new DockerHubClient(session.forCredential(other));
  }

  /** The same client, asking {@code fence} before every call (a run that may lose its lease). */
  public DockerHubClient fenced(Fence fence) {
    return new DockerHubClient(session.fenced(fence));
  }

  public boolean dryRun() {
    return session.dryRun();
  }

  public LoginClient logins() {
    return logins;
  }

  /** The logged-in user's personal access tokens. */
  public PersonalTokenClient personalTokens() {
    return personalTokens;
  }

  public OrgTokenClient orgTokens() {
    return orgTokens;
  }

  /** Members, invitations and teams. */
  public OrganisationClient organisation() {
    return organisation;
  }
}
