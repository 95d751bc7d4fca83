package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import static org.webops.dockerhubbot.text.Prose.code;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.circleci.Context;
import org.webops.dockerhubbot.circleci.ContextOwner;
import org.webops.dockerhubbot.circleci.ContextVariable;
import org.webops.dockerhubbot.circleci.ProjectEnvVar;
import org.webops.dockerhubbot.circleci.ProjectSlug;
import org.webops.dockerhubbot.http.Ensured;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.PipelineKey;
import org.webops.dockerhubbot.workflow.ProjectIds;
import org.webops.dockerhubbot.workflow.RequestSpec;

/**
 * Writes the user and token variables to the CircleCI project or context, both at once. Project
 * variables already holding these values (CircleCI shows their last four characters) are left
 * alone. A variable that exists but that the bot did not write for this request (by hand, another
 * tool, another request) is not overwritten silently: the run waits for an approver's "Replace
 * the existing values". Each write is recorded before it is made.
 */
public final class WriteCircleCiVariables implements Step {
  static final Prose.Strong REPLACE_BUTTON = Prose.strong("Replace the existing values");

  private final Apis apis;
  private final FreshTokens tokens;
  private final CredentialStore credentials;
  private final ProvisioningSettings settings;
  private final Executor calls;

  public WriteCircleCiVariables(Apis apis, FreshTokens tokens, CredentialStore credentials,
      ProvisioningSettings settings, Executor calls) {
    this.apis = apis;
    this.tokens = tokens;
    this.credentials = credentials;
    this.settings = settings;
    this.calls = calls;
  }

  @Override
  public StepId id() {
    return StepId.WRITE_CIRCLECI;
  }

  @Override
  public StepResult run(RunContext run) {
    RequestSpec spec = run.request().spec();
    Optional<String> token = run.dryRun() ? Optional.of("") : TokenValue.of(run, tokens);
    if (token.isEmpty()) {
      return TokenValue.lost(run);
    }
    String user = spec.kind() == CredentialKind.ORG_TOKEN ? settings.org()
        : credentials.dockerIdOf(run.requestId()).orElseThrow(() -> new IllegalStateException(
            "request #" + run.requestId() + " has no Docker ID"));
    Map<String, String> written = Map.of(Facts.WRITTEN_AT, run.now().toString());
    CircleCiClient circleci = apis.circleci(run);
    Prose names = Prose.of(code(spec.userVariable()), " (", code(user), ") and ",
        code(spec.tokenVariable()), " (the token)");
    String verb = run.dryRun() ? "Dry run: would set " : "Set ";
    List<Prose> lines = new ArrayList<>();
    if (spec.circleciContext().isEmpty()) {
      ProjectSlug project = ProjectSlug.of(spec.pipeline());
      String target = "project:" + PipelineKey.of(spec.pipeline());
      // Variables this request wrote before (a rotation, a retry) are overwritten without a
      // look: nobody else's value can be in the way.
      List<ProjectEnvVar> existing = ours(run, target) ? List.of()
          : circleci.projectVariables().list(project);
      if (!run.dryRun() && holds(existing, spec.userVariable(), user)
          && holds(existing, spec.tokenVariable(), token.get())) {
        return StepResult.Done.with(names, " already hold these values in the project")
            .withFacts(written);
      }
      Optional<StepResult> wait = ownOrApproved(run, target,
          existing.stream().map(ProjectEnvVar::name).collect(Collectors.toSet()),
          Prose.of("the project's environment variables"), lines);
      if (wait.isPresent()) {
        return wait.get();
      }
      both(() -> circleci.projectVariables().set(project, spec.userVariable(), user),
          () -> circleci.projectVariables().set(project, spec.tokenVariable(), token.get()));
      lines.add(Prose.of(verb, names, " in the project's environment variables"));
      return new StepResult.Done(written, lines);
    }
    String name = spec.circleciContext().get();
    Ensured<Context> context = circleci.contexts().ensure(owner(run, circleci), name);
    String contextId = context.value().id();
    if (context.created()) {
      lines.add(Prose.of(run.dryRun() ? "Dry run: would create" : "Created", " the context ",
          code(name)));
    }
    Set<String> existing = context.created() || ours(run, "context:" + contextId) ? Set.of()
        : circleci.contexts().listVariables(contextId).stream().map(ContextVariable::variable)
            .collect(Collectors.toSet());
    Optional<StepResult> wait = ownOrApproved(run, "context:" + contextId, existing,
        Prose.of("the context ", code(name)), lines);
    if (wait.isPresent()) {
      return wait.get();
    }
    both(() -> circleci.contexts().putVariable(contextId, spec.userVariable(), user),
        () -> circleci.contexts().putVariable(contextId, spec.tokenVariable(), token.get()));
    lines.add(Prose.of(verb, names, " in the context ", code(name)));
    return new StepResult.Done(Map.of(Facts.CONTEXT_ID, contextId, Facts.WRITTEN_AT,
        run.now().toString()), lines);
  }

  /** Whether this request has written both its variables into the target before. */
  private boolean ours(RunContext run, String target) {
    RequestSpec spec = run.request().spec();
    Set<String> written = credentials.variables(run.requestId()).stream()
        .filter(v -> v.target().equals(target)).map(CredentialStore.WrittenVariable::name)
        .collect(Collectors.toSet());
    return written.containsAll(List.of(spec.userVariable(), spec.tokenVariable()));
  }

  /**
   * Records this request's writes before they are made, once no variable of someone else's is in
   * the way, or an approver said to replace it; otherwise the wait for that approver.
   */
  private Optional<StepResult> ownOrApproved(RunContext run, String target, Set<String> existing,
      Prose where, List<Prose> lines) {
    RequestSpec spec = run.request().spec();
    List<String> ours = List.of(spec.userVariable(), spec.tokenVariable());
    Set<String> written = credentials.variables(run.requestId()).stream()
        .filter(v -> v.target().equals(target)).map(CredentialStore.WrittenVariable::name)
        .collect(Collectors.toSet());
    List<String> foreign = ours.stream()
        .filter(n -> existing.contains(n) && !written.contains(n)).toList();
    Optional<String> approvedBy = Optional.empty();
    if (!foreign.isEmpty()) {
      Prose list = Prose.join(" and ", foreign.stream().map(Prose::code).toList());
      if (run.dryRun()) {
        lines.add(Prose.of("Dry run: ", list, " already exist in ", where, " and were not"
            + " written by the bot; it would wait for an approver to allow replacing them"));
      } else if (run.person().isEmpty()) {
        return Optional.of(StepResult.Waiting.forPerson("CircleCI already has ", list, " in ",
            where, ", and the bot did not write " + (foreign.size() == 1 ? "it" : "them")
            + " for this request (set by hand, by another tool or for another pipeline). If"
            + " nothing else needs " + (foreign.size() == 1 ? "that value" : "those values")
            + ", click ", REPLACE_BUTTON, " on the card."));
      } else {
        approvedBy = run.person();
        lines.add(Prose.of(Prose.person(approvedBy.get()), " allowed replacing ", list));
      }
    }
    if (!run.dryRun()) {
      credentials.variablesWritten(run.lease(), target, ours, approvedBy, run.now());
    }
    return Optional.empty();
  }

  /**
   * The project's organisation, by the id CircleCI gave it (as CircleCI's terraform provider
   * addresses it): from the form's lookup, or asked now when CircleCI did not answer then. A slug
   * is not cut apart: CircleCI says to treat slugs as opaque.
   */
  static ContextOwner owner(RunContext run, CircleCiClient circleci) {
    Optional<String> known = run.request().project().flatMap(ProjectIds::organisationId);
    String id = known.orElseGet(() -> Optional.ofNullable(circleci.projects().get(
        ProjectSlug.of(run.request().spec().pipeline())).organizationId())
        .filter(orgId -> !orgId.isBlank())
        .orElseThrow(() -> new IllegalStateException("CircleCI did not say which organisation"
            + " owns " + run.request().spec().pipeline())));
    return new ContextOwner.Id(id, "organization");
  }

  /** CircleCI masks values as {@code xxxx} and the last four characters. */
  private static boolean holds(List<ProjectEnvVar> variables, String name, String value) {
    return variables.stream().anyMatch(v -> name.equals(v.name()) && v.endsLike(value));
  }

  /** The two writes are independent: run them at the same time. */
  private void both(Runnable first, Runnable second) {
    CompletableFuture<Void> other = CompletableFuture.runAsync(second, calls);
    RuntimeException failure = null;
    try {
      first.run();
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      other.join();
    } catch (CompletionException e) {
      if (failure == null) {
        failure = e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
