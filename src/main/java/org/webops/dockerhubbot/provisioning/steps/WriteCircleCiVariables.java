package org.webops.dockerhubbot.provisioning.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.circleci.Context;
import org.webops.dockerhubbot.circleci.ContextOwner;
import org.webops.dockerhubbot.circleci.ProjectEnvVar;
import org.webops.dockerhubbot.circleci.ProjectSlug;
import org.webops.dockerhubbot.http.Ensured;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.RequestSpec;

/**
 * Writes the user and token variables to the CircleCI project or context, both at once. Project
 * variables already holding these values (CircleCI shows their last four characters) are left
 * alone; writing again only overwrites, so a repeated step never makes a second variable.
 */
public final class WriteCircleCiVariables implements Step {
  private final Apis apis;
  private final FreshTokens tokens;
  private final ProvisioningSettings settings;
  private final Executor calls;

  public WriteCircleCiVariables(Apis apis, FreshTokens tokens, ProvisioningSettings settings,
      Executor calls) {
    this.apis = apis;
    this.tokens = tokens;
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
        : run.requireFact(Facts.DOCKER_ID);
    CircleCiClient circleci = apis.circleci(run.dryRun());
    String names = SlackText.code(spec.userVariable()) + " (" + SlackText.code(user) + ") and "
        + SlackText.code(spec.tokenVariable()) + " (the token)";
    String verb = run.dryRun() ? "Dry run: would set " : "Set ";
    ProjectSlug project = ProjectSlug.of(spec.pipeline());
    if (spec.circleciContext().isEmpty()) {
      if (!run.dryRun() && alreadySet(circleci.listProjectEnvVars(project), spec, user, token.get())) {
        return StepResult.Done.with(names + " already hold these values in the project");
      }
      both(() -> circleci.setProjectEnvVar(project, spec.userVariable(), user),
          () -> circleci.setProjectEnvVar(project, spec.tokenVariable(), token.get()));
      return StepResult.Done.with(verb + names + " in the project's environment variables");
    }
    String name = spec.circleciContext().get();
    Ensured<Context> context = circleci.ensureContext(owner(spec.pipeline()), name);
    String contextId = context.value().id();
    both(() -> circleci.putContextVariable(contextId, spec.userVariable(), user),
        () -> circleci.putContextVariable(contextId, spec.tokenVariable(), token.get()));
    List<String> lines = new ArrayList<>();
    if (context.created()) {
      lines.add((run.dryRun() ? "Dry run: would create" : "Created") + " the context "
          + SlackText.code(name));
    }
    lines.add(verb + names + " in the context " + SlackText.code(name));
    return new StepResult.Done(Map.of(Facts.CONTEXT_ID, contextId), lines);
  }

  /** The organisation part of the slug ({@code gh/org} of {@code gh/org/repo}). */
  static ContextOwner owner(String pipeline) {
    return new ContextOwner.Slug(pipeline.substring(0, pipeline.lastIndexOf('/')));
  }

  private static boolean alreadySet(List<ProjectEnvVar> variables, RequestSpec spec, String user,
      String token) {
    return holds(variables, spec.userVariable(), user) && holds(variables, spec.tokenVariable(), token);
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
