package org.webops.dockerhubbot.drift;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.circleci.ContextVariable;
import org.webops.dockerhubbot.circleci.ProjectEnvVar;
import org.webops.dockerhubbot.circleci.ProjectSlug;
import org.webops.dockerhubbot.dockerhub.DockerHubClient;
import org.webops.dockerhubbot.dockerhub.OrgAccessToken;
import org.webops.dockerhubbot.dockerhub.TeamMember;
import org.webops.dockerhubbot.http.NotFoundException;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenKind;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenRecord;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenState;
import org.webops.dockerhubbot.provisioning.CredentialStore.WrittenVariable;
import org.webops.dockerhubbot.provisioning.Operation;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenLabels;

/**
 * Compares what the bot made with what Docker Hub and CircleCI show, with the admin credential
 * and the CircleCI token only (never a service user's login: their personal tokens are checked
 * when they are rotated). Reads only. For every live credential: is its organisation token there
 * and active, are its CircleCI variables there, is its service user in the team; then the tokens
 * with the bot's label prefix and the team members that no live request owns.
 */
public final class DriftCheck {
  /** Live credentials: their token should exist and work. */
  static final Set<RequestState> LIVE =
      EnumSet.of(RequestState.DONE, RequestState.ROTATING, RequestState.EXPIRED);
  private static final int MAX_REQUESTS = 2000;
  private static final String PROJECT = "project:";
  private static final String CONTEXT = "context:";

  private final RequestRepository requests;
  private final CredentialStore credentials;
  private final RunStore runs;
  private final DockerHubClient hub;
  private final CircleCiClient circleci;
  private final DriftSettings settings;
  private final Clock clock;

  /**
   * @param hub Docker Hub as the admin credential
   */
  public DriftCheck(RequestRepository requests, CredentialStore credentials, RunStore runs,
      DockerHubClient hub, CircleCiClient circleci, DriftSettings settings, Clock clock) {
    this.requests = requests;
    this.credentials = credentials;
    this.runs = runs;
    this.hub = hub;
    this.circleci = circleci;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * One look at everything.
   *
   * @throws RuntimeException when an API does not answer as it should: a report made without it
   *     would say things that are not so
   */
  public DriftReport run() {
    List<ProvisioningRequest> holding = requests.inStates(RequestState.HOLDS_PIPELINE,
        MAX_REQUESTS).stream().filter(request -> !request.dryRun()).toList();
    List<ProvisioningRequest> live = holding.stream()
        .filter(request -> LIVE.contains(request.state())).toList();
    List<DriftFinding> findings = new ArrayList<>();
    if (settings.orgTokens()) {
      tokens(holding, live, findings);
    }
    settings.team().ifPresent(team -> team(team, holding, live, findings));
    live.forEach(request -> variables(request, findings));
    return new DriftReport(findings, clock.instant());
  }

  private void tokens(List<ProvisioningRequest> holding, List<ProvisioningRequest> live,
      List<DriftFinding> findings) {
    List<OrgAccessToken> listed = hub.orgTokens().list(settings.org());
    Set<String> ownedIds = new HashSet<>();
    Set<String> ownedLabels = new HashSet<>();
    for (ProvisioningRequest request : holding) {
      for (TokenRecord token : orgTokens(request)) {
        if (token.mayExist()) {
          token.tokenId().ifPresent(ownedIds::add);
          ownedLabels.add(token.label());
        }
      }
    }
    for (ProvisioningRequest request : live) {
      if (runningNow(request)) {
        continue; // its tokens change under a running rotation; the next check sees them settled
      }
      for (TokenRecord token : orgTokens(request)) {
        if (token.state() != TokenState.LIVE) {
          continue;
        }
        Optional<OrgAccessToken> found = listed.stream().filter(t -> token.tokenId()
            .map(id -> id.equals(t.id())).orElse(token.label().equals(t.label()))).findFirst();
        String pipeline = request.spec().pipeline();
        if (found.isEmpty()) {
          findings.add(new DriftFinding.OrgTokenMissing(request.id(), pipeline, token.label()));
        } else if (!found.get().active() && request.state() != RequestState.EXPIRED) {
          findings.add(new DriftFinding.OrgTokenInactive(request.id(), pipeline, token.label()));
        }
      }
    }
    for (OrgAccessToken token : listed) {
      if (TokenLabels.isBots(token.label()) && !ownedIds.contains(token.id())
          && !ownedLabels.contains(token.label())) {
        findings.add(new DriftFinding.OrphanToken(token.label(), token.id(), token.active()));
      }
    }
  }

  private List<TokenRecord> orgTokens(ProvisioningRequest request) {
    if (request.spec().kind() != CredentialKind.ORG_TOKEN) {
      return List.of();
    }
    return credentials.tokens(request.id()).stream()
        .filter(token -> token.kind() == TokenKind.ORG_TOKEN).toList();
  }

  private boolean runningNow(ProvisioningRequest request) {
    return runs.latest(request.id()).map(op -> op.status() == Operation.Status.OPEN)
        .orElse(false);
  }

  private void team(String team, List<ProvisioningRequest> holding,
      List<ProvisioningRequest> live, List<DriftFinding> findings) {
    Set<String> members = hub.organisation().listTeamMembers(settings.org(), team).stream()
        .map(TeamMember::username).filter(name -> name != null)
        .map(DriftCheck::lower).collect(Collectors.toSet());
    Map<Long, String> dockerIds = new LinkedHashMap<>();
    for (ProvisioningRequest request : holding) {
      if (request.spec().kind() == CredentialKind.SERVICE_USER) {
        credentials.dockerIdOf(request.id()).ifPresent(id -> dockerIds.put(request.id(), id));
      }
    }
    for (ProvisioningRequest request : live) {
      String dockerId = dockerIds.get(request.id());
      if (dockerId != null && !members.contains(lower(dockerId))) {
        findings.add(new DriftFinding.NotInTeam(request.id(), request.spec().pipeline(),
            dockerId, team));
      }
    }
    Set<String> known = dockerIds.values().stream().map(DriftCheck::lower)
        .collect(Collectors.toCollection(HashSet::new));
    settings.admin().map(DriftCheck::lower).ifPresent(known::add);
    members.stream().filter(member -> !known.contains(member)).sorted()
        .forEach(member -> findings.add(new DriftFinding.UnknownTeamMember(member, team)));
  }

  private void variables(ProvisioningRequest request, List<DriftFinding> findings) {
    Map<String, List<String>> byTarget = credentials.variables(request.id()).stream()
        .collect(Collectors.groupingBy(WrittenVariable::target, LinkedHashMap::new,
            Collectors.mapping(WrittenVariable::name, Collectors.toList())));
    byTarget.forEach((target, names) -> {
      String context = "";
      Supplier<Set<String>> present;
      if (target.startsWith(PROJECT)) {
        ProjectSlug project = ProjectSlug.of(request.spec().pipeline());
        present = () -> circleci.projectVariables().list(project).stream()
            .map(ProjectEnvVar::name).collect(Collectors.toSet());
      } else if (target.startsWith(CONTEXT)) {
        String contextId = target.substring(CONTEXT.length());
        context = request.spec().circleciContext().orElse(contextId);
        present = () -> circleci.contexts().listVariables(contextId).stream()
            .map(ContextVariable::variable).collect(Collectors.toSet());
      } else {
        return;
      }
      Set<String> there = Set.of();
      boolean gone = false;
      try {
        there = present.get();
      } catch (NotFoundException e) {
        gone = true;
      }
      Set<String> found = there;
      List<String> missing = names.stream().distinct().filter(name -> !found.contains(name))
          .sorted().toList();
      if (!missing.isEmpty()) {
        findings.add(new DriftFinding.VariablesMissing(request.id(), request.spec().pipeline(),
            context, missing, gone));
      }
    });
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
