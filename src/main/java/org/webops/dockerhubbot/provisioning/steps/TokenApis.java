package org.webops.dockerhubbot.provisioning.steps;

import java.util.Optional;
import org.webops.dockerhubbot.dockerhub.DockerHubCredential;
import org.webops.dockerhubbot.dockerhub.OrgTokenClient;
import org.webops.dockerhubbot.dockerhub.PersonalTokenClient;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;

/**
 * The token APIs of a run's credential: the organisation's tokens through the admin credential,
 * a service user's personal tokens through that user's own password login (no admin credential
 * can see another user's tokens).
 */
final class TokenApis {
  private final Apis apis;
  private final KeptSecrets kept;
  private final CredentialStore credentials;
  private final ProvisioningSettings settings;

  TokenApis(Apis apis, KeptSecrets kept, CredentialStore credentials,
      ProvisioningSettings settings) {
    this.apis = apis;
    this.kept = kept;
    this.credentials = credentials;
    this.settings = settings;
  }

  OrgTokenClient orgTokenClient(RunContext run) {
    return apis.admin(run).orgTokens();
  }

  TokenApi orgTokens(RunContext run) {
    OrgTokenClient client = orgTokenClient(run);
    return new TokenApi() {
      @Override
      public java.util.List<Listed> list() {
        return client.list(settings.org()).stream()
            .map(t -> new Listed(t.id(), t.label(), t.active())).toList();
      }

      @Override
      public void delete(String id) {
        client.delete(settings.org(), id);
      }
    };
  }

  /** The service user's Docker ID, given out once for the credential. */
  Optional<String> dockerId(RunContext run) {
    return credentials.dockerIdOf(run.requestId());
  }

  /** Signed in as the service user; empty when its password is not kept (any more). */
  Optional<PersonalTokenClient> personalTokenClient(RunContext run) {
    Optional<String> dockerId = dockerId(run);
    Optional<String> password = kept.read(run.requestId(), KeptSecrets.SERVICE_USER_PASSWORD);
    if (dockerId.isEmpty() || password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(apis.as(new DockerHubCredential.Password(dockerId.get(), password.get()),
        run).personalTokens());
  }

  Optional<TokenApi> personalTokens(RunContext run) {
    return personalTokenClient(run).map(client -> new TokenApi() {
      @Override
      public java.util.List<Listed> list() {
        return client.list().stream()
            .map(t -> new Listed(t.uuid(), t.label(), t.active())).toList();
      }

      @Override
      public void delete(String id) {
        client.delete(id);
      }
    });
  }
}
