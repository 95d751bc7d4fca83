package org.webops.dockerhubbot.provisioning.steps;

import static org.webops.dockerhubbot.text.Prose.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.circleci.ContextVariable;
import org.webops.dockerhubbot.circleci.ProjectEnvVar;
import org.webops.dockerhubbot.circleci.ProjectSlug;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.CredentialStore.WrittenVariable;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.text.Prose;

/**
 * Revocation: deletes the CircleCI variables the bot recorded writing for this request, and no
 * other; one that is gone already is left alone.
 */
public final class DeleteCircleCiVariables implements Step {
  static final String PROJECT = "project:";
  static final String CONTEXT = "context:";

  private final Apis apis;
  private final CredentialStore credentials;

  public DeleteCircleCiVariables(Apis apis, CredentialStore credentials) {
    this.apis = apis;
    this.credentials = credentials;
  }

  @Override
  public StepId id() {
    return StepId.DELETE_CIRCLECI_VARIABLES;
  }

  @Override
  public StepResult run(RunContext run) {
    Map<String, List<String>> byTarget = credentials.variables(run.requestId()).stream()
        .collect(Collectors.groupingBy(WrittenVariable::target,
            Collectors.mapping(WrittenVariable::name, Collectors.toList())));
    if (byTarget.isEmpty()) {
      return StepResult.Done.with("The bot had written no CircleCI variable for this request");
    }
    CircleCiClient circleci = apis.circleci(run);
    String verb = run.dryRun() ? "Dry run: would delete " : "Deleted ";
    List<Prose> lines = new ArrayList<>();
    byTarget.forEach((target, names) -> {
      if (target.startsWith(PROJECT)) {
        ProjectSlug project = ProjectSlug.of(run.request().spec().pipeline());
        Set<String> present = circleci.projectVariables().list(project).stream()
            .map(ProjectEnvVar::name).collect(Collectors.toSet());
        names.stream().filter(present::contains).forEach(name -> {
          circleci.projectVariables().delete(project, name);
          lines.add(Prose.of(verb, code(name), " from the project's environment variables"));
        });
      } else if (target.startsWith(CONTEXT)) {
        String contextId = target.substring(CONTEXT.length());
        Set<String> present = circleci.contexts().listVariables(contextId).stream()
            .map(ContextVariable::variable).collect(Collectors.toSet());
        names.stream().filter(present::contains).forEach(name -> {
          circleci.contexts().deleteVariable(contextId, name);
          lines.add(Prose.of(verb, code(name), " from the context ",
              code(run.request().spec().circleciContext().orElse(contextId))));
        });
      }
    });
    return lines.isEmpty() ? StepResult.Done.with("The variables the bot wrote were gone already")
        : new StepResult.Done(Map.of(), lines);
  }
}
