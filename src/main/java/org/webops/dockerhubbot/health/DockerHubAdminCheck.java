package org.webops.dockerhubbot.health;

import org.webops.dockerhubbot.dockerhub.DockerHubClient;
import org.webops.dockerhubbot.dockerhub.TwoFactorRequiredException;
import org.webops.dockerhubbot.http.ApiException;
import org.webops.dockerhubbot.http.UnauthorizedException;
import org.webops.dockerhubbot.http.UnexpectedResponseException;

/**
 * The Docker Hub admin credential, by one fresh login as the admin ({@code POST /v2/users/login}
 * for an owner's password, {@code POST /v2/auth/token} for an organisation access token): the
 * call that fails first when a password is changed, two-factor authentication is turned on or a
 * token expires or is revoked. A read with a cached login token would say "ok" for up to ten
 * minutes after such a change. The client is the check's own (its own session), so the check
 * never replaces the login token a run holds. A login is never retried (failed logins can lock
 * an account).
 */
public final class DockerHubAdminCheck implements CredentialCheck {
  static final String SERVICE = "Docker Hub";

  private final DockerHubClient admin;
  private final boolean organisationToken;

  /**
   * @param admin the client acting as the admin credential
   * @param organisationToken the admin is {@code DOCKERHUB_ADMIN_TOKEN} rather than an owner's
   *     password
   */
  public DockerHubAdminCheck(DockerHubClient admin, boolean organisationToken) {
    this.admin = admin;
    this.organisationToken = organisationToken;
  }

  @Override
  public Credential credential() {
    return Credential.DOCKERHUB_ADMIN;
  }

  @Override
  public Verdict check() {
    try {
      admin.logins().verify();
      return new Verdict.Ok();
    } catch (TwoFactorRequiredException e) {
      return new Verdict.Failing("Docker Hub asks for a second factor for the admin login: use an"
          + " organisation access token or an account without 2FA");
    } catch (UnauthorizedException e) {
      return new Verdict.Failing(organisationToken
          ? "Docker Hub refused DOCKERHUB_ADMIN_TOKEN: the organisation access token is expired"
              + " or revoked"
          : "Docker Hub refused the admin login (password changed or account locked)");
    } catch (UnexpectedResponseException e) {
      return Unreachable.unexpected(SERVICE, e);
    } catch (ApiException e) {
      return Unreachable.refusal(e) ? new Verdict.Failing("Docker Hub refused the admin login"
          + " (answered " + e.status() + ")") : Unreachable.of(SERVICE, e);
    } catch (RuntimeException e) {
      return Unreachable.unexpected(SERVICE, e);
    }
  }
}
