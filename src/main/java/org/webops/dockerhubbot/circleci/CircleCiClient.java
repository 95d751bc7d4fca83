package org.webops.dockerhubbot.circleci;

import java.time.Clock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.webops.dockerhubbot.http.CallMeter;
import org.webops.dockerhubbot.http.Fence;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.Sleeper;

/**
 * Client for the CircleCI API v2 ({@code specs/circleci-api-v2.json}), handing out one client per
 * area: {@link #projects()}, {@link #projectVariables()}, {@link #contexts()} and
 * {@link #users()}. Sends
 * {@code Circle-Token} (only to the configured host) and {@code Accept: application/json}. In
 * dry-run, writes are described and not sent.
 *
 * <p>The project slug is one path parameter in the spec; it is sent escaped ({@code
 * gh%2Forg%2Frepo}), as CircleCI's own CLI does.
 */
public final class CircleCiClient {

  public static final String DEFAULT_BASE_URL = "https://circleci.com/api/v2";

  private final CircleCiCalls calls;
  private final ProjectClient projects;
  private final ProjectVariableClient projectVariables;
  private final ContextClient contexts;
  private final UserClient users;

  /** A client with the default retry policy, real sleeping and the system clock. */
  public CircleCiClient(String baseUrl, OkHttpClient http, CircleCiToken token, boolean dryRun) {
    this(HttpUrl.get(baseUrl), http, token, dryRun, RetryPolicy.defaults(), Sleeper.REAL,
        Clock.systemUTC());
  }

  public CircleCiClient(HttpUrl baseUrl, OkHttpClient http, CircleCiToken token, boolean dryRun,
      RetryPolicy retryPolicy, Sleeper sleeper, Clock clock) {
    this(baseUrl, http, token, dryRun, retryPolicy, sleeper, clock, CallMeter.NONE);
  }

  /** @param meter told of every call and retry, by endpoint template */
  public CircleCiClient(HttpUrl baseUrl, OkHttpClient http, CircleCiToken token, boolean dryRun,
      RetryPolicy retryPolicy, Sleeper sleeper, Clock clock, CallMeter meter) {
    this(new CircleCiCalls(baseUrl, http, token, dryRun, retryPolicy, sleeper, clock, meter));
  }

  private CircleCiClient(CircleCiCalls calls) {
    this.calls = calls;
    this.projects = new ProjectClient(calls);
    this.projectVariables = new ProjectVariableClient(calls);
    this.contexts = new ContextClient(calls);
    this.users = new UserClient(calls);
  }

  /** The same client, asking {@code fence} before every call (a run that may lose its lease). */
  public CircleCiClient fenced(Fence fence) {
    return new CircleCiClient(calls.fenced(fence));
  }

  public boolean dryRun() {
    return calls.dryRun();
  }

  public ProjectClient projects() {
    return projects;
  }

  /** Project environment variables. */
  public ProjectVariableClient projectVariables() {
    return projectVariables;
  }

  /** Contexts and their environment variables. */
  public ContextClient contexts() {
    return contexts;
  }

  /** The token's own user ({@code GET /me}). */
  public UserClient users() {
    return users;
  }
}
