package org.webops.dockerhubbot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.circleci.CircleCiToken;
import org.webops.dockerhubbot.circleci.Context;
import org.webops.dockerhubbot.circleci.ContextOwner;
import org.webops.dockerhubbot.circleci.ContextVariable;
import org.webops.dockerhubbot.circleci.ProjectEnvVar;
import org.webops.dockerhubbot.circleci.ProjectSlug;
import org.webops.dockerhubbot.dockerhub.DockerHubClient;
import org.webops.dockerhubbot.dockerhub.DockerHubCredential;
import org.webops.dockerhubbot.dockerhub.OrgAccessToken;
import org.webops.dockerhubbot.dockerhub.OrgTokenResource;
import org.webops.dockerhubbot.dockerhub.OrganisationClient;
import org.webops.dockerhubbot.dockerhub.PersonalAccessToken;
import org.webops.dockerhubbot.dockerhub.RepoScope;
import org.webops.dockerhubbot.dockerhub.TwoFactorRequiredException;
import org.webops.dockerhubbot.http.Ensured;
import org.webops.dockerhubbot.http.ForbiddenException;
import org.webops.dockerhubbot.http.HttpClients;
import org.webops.dockerhubbot.http.NotFoundException;
import org.webops.dockerhubbot.http.RecordingSleeper;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.ServerErrorException;
import org.webops.dockerhubbot.http.UnauthorizedException;

/** Drives the real API clients against {@link FakeDockerHub} and {@link FakeCircleCi}. */
class FakeApisTest {

  private static final String ORG = "webops";
  private static final String TEAM = "ci";
  private static final String ADMIN_TOKEN = "dckr_oat_ADMINTOKEN";
  private static final String USER = "svcpipelineapi";
  private static final String PASSWORD = "service-password-1";

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final RetryPolicy retries =
      new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0);

  private DockerHubClient admin(FakeDockerHub hub) {
    return new DockerHubClient(
        HttpUrl.get(hub.apiUrl()),
        HttpClients.shared(),
        new DockerHubCredential.OrganizationToken(ORG, ADMIN_TOKEN),
        false,
        retries,
        sleeper,
        Clock.systemUTC());
  }

  @Test
  void dockerHub_loginsTokensInvitesAndTeams() throws Exception {
    try (FakeDockerHub hub = new FakeDockerHub(ORG, TEAM, ADMIN_TOKEN)) {
      hub.signUp(USER, PASSWORD);
      DockerHubClient admin = admin(hub);
      DockerHubClient user = admin.forCredential(new DockerHubCredential.Password(USER, PASSWORD));

      // logins
      user.logins().verify();
      hub.signUpUnverified("fresh", "pw-fresh-123");
      UnauthorizedException unverified = assertThrows(UnauthorizedException.class,
          () -> admin.forCredential(new DockerHubCredential.Password("fresh", "pw-fresh-123"))
              .logins().verify());
      assertTrue(unverified.getMessage().contains("e-mail address is not verified"),
          unverified.getMessage());
      hub.signUp("twofa", "pw-twofa-123");
      hub.enableTwoFactor("twofa");
      assertThrows(TwoFactorRequiredException.class,
          () -> admin.forCredential(new DockerHubCredential.Password("twofa", "pw-twofa-123"))
              .logins().verify());
      assertThrows(UnauthorizedException.class,
          () -> admin.forCredential(new DockerHubCredential.Password(USER, "wrong")).logins().verify());

      // personal access token: its value once, then listed active by label without it
      PersonalAccessToken created =
          user.personalTokens().create("pipeline-api", List.of(RepoScope.READ), null);
      assertTrue(created.token().startsWith("dckr_pat_"));
      assertEquals(created.token(), hub.personalTokens(USER).get(0).token());
      PersonalAccessToken listed = user.personalTokens().list().get(0);
      assertEquals(created.uuid(), listed.uuid());
      assertEquals("pipeline-api", listed.label());
      assertTrue(listed.active());
      assertFalse(listed.hasToken());
      user.personalTokens().deactivate(created.uuid());
      assertFalse(hub.personalTokens(USER).get(0).active());
      // the admin (organisation token) has no personal tokens of its own
      assertThrows(UnauthorizedException.class, () -> admin.personalTokens().list());

      // organisation access token: only an owner's password may manage them
      assertThrows(ForbiddenException.class, () -> admin.orgTokens().list(ORG));
      hub.signUp("owner", "owner-password-1");
      hub.addOwner("owner");
      DockerHubClient owner = admin.forCredential(new DockerHubCredential.Password("owner", "owner-password-1"));
      OrgAccessToken oatCreated = owner.orgTokens().create(
          ORG, "pipeline-api", List.of(OrgTokenResource.pull("webops/api")), null);
      assertTrue(oatCreated.token().startsWith("dckr_oat_"));
      assertEquals("webops/api", hub.orgTokens().get(0).resources().get(0).path());
      OrgAccessToken oatListed = owner.orgTokens().list(ORG).get(0);
      assertEquals(oatCreated.id(), oatListed.id());
      assertEquals("pipeline-api", oatListed.label());
      assertTrue(oatListed.active());
      assertThrows(UnauthorizedException.class, () -> user.orgTokens().list(ORG));

      // invite, accept, team
      OrganisationClient organisation = admin.organisation();
      assertFalse(isListed(organisation, USER));
      assertEquals("invited",
          organisation.bulkInvite(ORG, TEAM, "member", List.of(USER)).get(0).status());
      assertEquals(1, hub.invites().size());
      assertTrue(isListed(organisation, USER));
      assertEquals(USER, organisation.listInvites(ORG).get(0).invitee());
      assertFalse(organisation.isTeamMember(ORG, TEAM, USER));
      assertThrows(NotFoundException.class, () -> organisation.addTeamMember(ORG, TEAM, USER));
      hub.acceptInvite(USER);
      assertTrue(organisation.isTeamMember(ORG, TEAM, USER));
      assertEquals(List.of("owner", USER), hub.orgMembers());
      assertEquals(List.of(), hub.invites());
      assertTrue(isListed(organisation, USER));
      organisation.removeTeamMember(ORG, TEAM, USER);
      assertEquals(List.of(), hub.teamMembers());
      assertFalse(organisation.isTeamMember(ORG, TEAM, USER));
      organisation.addTeamMember(ORG, TEAM, USER);
      assertEquals(List.of(USER), hub.teamMembers());

      // an injected 503 on a GET is retried
      int before = hub.count("GET", "/v2/orgs/webops/members");
      hub.failNext("GET", "/v2/orgs/webops/members", 503, 1);
      assertEquals(USER, admin.organisation().listMembers(ORG).get(1).username());
      assertEquals(before + 2, hub.count("GET", "/v2/orgs/webops/members"));
      assertEquals(1, sleeper.waits().size());

      // a lost answer: the token exists though the client saw a 500
      hub.failNextAfterEffect("POST", "/v2/access-tokens", 500);
      assertThrows(ServerErrorException.class,
          () -> user.personalTokens().create("lost", List.of(RepoScope.READ), null));
      assertEquals(2, hub.personalTokens(USER).size());
    }
  }

  /** A member of the organisation or invited into it, by Docker ID (case-insensitive). */
  private static boolean isListed(OrganisationClient organisation, String dockerId) {
    return organisation.listMembers(ORG).stream().anyMatch(m -> dockerId.equalsIgnoreCase(m.username()))
        || organisation.listInvites(ORG).stream().anyMatch(i -> dockerId.equalsIgnoreCase(i.invitee()));
  }

  @Test
  void dockerHub_stalledAnswer_timesOutAndTheRetrySucceeds() throws Exception {
    try (FakeDockerHub hub = new FakeDockerHub(ORG, TEAM, ADMIN_TOKEN)) {
      hub.addMember(USER);
      DockerHubClient admin = new DockerHubClient(
          HttpUrl.get(hub.apiUrl()),
          HttpClients.shared().newBuilder().readTimeout(Duration.ofMillis(300)).build(),
          new DockerHubCredential.OrganizationToken(ORG, ADMIN_TOKEN),
          false,
          retries,
          sleeper,
          Clock.systemUTC());
      hub.stallNext("GET", "/v2/orgs/[^/]+/members", Duration.ofSeconds(2));
      assertEquals(USER, admin.organisation().listMembers(ORG).get(0).username());
      assertEquals(2, hub.count("GET", "/v2/orgs/webops/members"));
    }
  }

  @Test
  void circleCi_projectVariablesAndContexts() throws Exception {
    try (FakeCircleCi ci = new FakeCircleCi()) {
      CircleCiClient client = new CircleCiClient(
          HttpUrl.get(ci.apiUrl()),
          HttpClients.shared(),
          new CircleCiToken("CCIPAT_TEST"),
          false,
          retries,
          sleeper,
          Clock.systemUTC());
      ProjectSlug slug = ProjectSlug.of("gh/webops/api");

      assertEquals("api", client.projects().get(slug).name());
      ProjectEnvVar set = client.projectVariables().set(slug, "DOCKER_USER", USER);
      assertEquals("xxxxeapi", set.maskedValue());
      client.projectVariables().set(slug, "DOCKER_ACCESS_TOKEN", "dckr_pat_ABCD");
      List<ProjectEnvVar> listed = client.projectVariables().list(slug);
      assertEquals(2, listed.size());
      assertTrue(listed.get(1).endsLike("dckr_pat_ABCD"));
      assertEquals(Map.of("DOCKER_USER", USER, "DOCKER_ACCESS_TOKEN", "dckr_pat_ABCD"),
          ci.projectVariables("gh/webops/api"));
      client.projectVariables().delete(slug, "DOCKER_USER");
      assertEquals(Map.of("DOCKER_ACCESS_TOKEN", "dckr_pat_ABCD"), ci.projectVariables("gh/webops/api"));

      ContextOwner owner = new ContextOwner.Slug("gh/webops");
      Context context = (Context) assertInstanceOf(Ensured.Created.class,
          client.contexts().ensure(owner, "dockerhub-pipeline-api")).value();
      Ensured<Context> again = client.contexts().ensure(owner, "dockerhub-pipeline-api");
      assertInstanceOf(Ensured.Existing.class, again);
      assertEquals(context.id(), again.value().id());
      client.contexts().putVariable(context.id(), "DOCKER_ACCESS_TOKEN", "dckr_oat_XYZ");
      assertEquals(Map.of("DOCKER_ACCESS_TOKEN", "dckr_oat_XYZ"),
          ci.contextVariables("dockerhub-pipeline-api"));
      List<ContextVariable> variables = client.contexts().listVariables(context.id());
      assertEquals("DOCKER_ACCESS_TOKEN", variables.get(0).variable());
      assertEquals(context.id(), variables.get(0).contextId());
      String other = ci.addContext("gh/webops", "aws");
      assertEquals(other, client.contexts().find(owner, "aws").orElseThrow().id());

      // an injected 503 on a GET is retried; the slug is matched escaped or decoded
      ci.failNext("GET", "/project/gh/webops/api/envvar", 503, 2);
      assertEquals(1, client.projectVariables().list(slug).size());
      assertEquals(2, sleeper.waits().size());
      assertEquals(4, ci.count("GET", "/project/gh%2Fwebops%2Fapi/envvar"));

      // a lost answer on a POST: the variable is set though the client saw a 500
      ci.failNextAfterEffect("POST", ".*/envvar", 500);
      assertThrows(ServerErrorException.class,
          () -> client.projectVariables().set(slug, "DOCKER_USER", "lost-value"));
      assertEquals("lost-value", ci.projectVariables("gh/webops/api").get("DOCKER_USER"));

      // the token's own user, until the token is revoked: then 401, as CircleCI answers
      assertEquals("webops-bot", client.users().me().login());
      ci.revokeToken("CCIPAT_TEST");
      UnauthorizedException refused = assertThrows(UnauthorizedException.class,
          () -> client.users().me());
      assertEquals("You must log in first.", refused.apiMessage());
      assertThrows(UnauthorizedException.class, () -> client.projects().get(slug));
    }
  }
}
