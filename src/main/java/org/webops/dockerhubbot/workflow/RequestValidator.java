package org.webops.dockerhubbot.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.webops.dockerhubbot.workflow.RequestForm.Field;

/** Checks a request form; a pure function, so that the modal can answer inline and at once. */
public final class RequestValidator {
  private final String org;

  /** @param org {@code DOCKERHUB_ORG}: an organisation token reaches only its repositories */
  public RequestValidator(String org) {
    this.org = org.toLowerCase(java.util.Locale.ROOT);
  }

  public static final String ALL_PUBLIC_IMAGES = "*/*/public";
  private static final int MAX_REPOSITORIES = 20;

  private static final Pattern VCS_SLUG =
      Pattern.compile("(gh|github|bb|bitbucket)/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  /**
   * GitHub App, GitLab and Bitbucket Data Center projects: {@code circleci/<org id>/<project id>},
   * with CircleCI's compact base62 ids (e.g. {@code E6i3yYZeWZhcf8UNqcKfjN}) or UUIDs.
   */
  private static final Pattern CIRCLECI_SLUG =
      Pattern.compile("circleci/[A-Za-z0-9-]{1,64}/[A-Za-z0-9-]{1,64}");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
  /** CircleCI's rule: no vertical whitespace or control characters (spaces inside are fine). */
  private static final Pattern CONTEXT = Pattern.compile("[^\\p{Cntrl}\\v]+");
  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9][a-z0-9_.-]{1,254}/(\\*|[a-z0-9][a-z0-9_.-]{0,254})");

  /** The outcome: a spec ready to store, or a message per offending field. */
  public sealed interface Result {
    record Valid(RequestSpec spec) implements Result {}

    record Invalid(Map<Field, String> errors) implements Result {}
  }

  /** @param kinds which credential kinds this installation can make */
  public Result validate(RequestForm form, CredentialKinds kinds) {
    Map<Field, String> errors = new EnumMap<>(Field.class);

    String pipeline = trim(form.pipeline());
    if (missing(Field.PIPELINE, pipeline)) {
      errors.put(Field.PIPELINE, "Enter the CircleCI project slug, such as gh/my-org/my-repo.");
    } else if (tooLong(Field.PIPELINE, pipeline)) {
      errors.put(Field.PIPELINE, "A project slug has at most " + maxLength(Field.PIPELINE)
          + " characters (this has " + pipeline.length() + ").");
    } else if (!(VCS_SLUG.matcher(pipeline).matches()
        || CIRCLECI_SLUG.matcher(pipeline).matches())) {
      errors.put(Field.PIPELINE,
          "That is not a CircleCI project slug. Copy it from the project's settings in CircleCI:"
              + " gh/my-org/my-repo, bb/my-org/my-repo, or circleci/<org id>/<project id> for"
              + " GitHub App, GitLab and Bitbucket Data Center projects.");
    }

    Optional<CredentialKind> kind = CredentialKind.fromId(trim(form.kind()));
    if (kind.isEmpty()) {
      errors.put(Field.KIND, "Choose a credential kind.");
    } else if (kinds.whyNot(kind.get()).isPresent()) {
      errors.put(Field.KIND, kinds.whyNot(kind.get()).get() + " Choose "
          + (kinds.available().isEmpty() ? "nothing else here" : "another kind") + ", or ask"
          + " webops.");
    }

    Optional<TokenScope> scope = TokenScope.fromId(trim(form.scope()));
    if (scope.isEmpty()) {
      errors.put(Field.SCOPE, "Choose a token scope.");
    }

    List<String> repositories = List.of();
    if (kind.orElse(null) == CredentialKind.ORG_TOKEN) {
      repositories = lines(form.repositories());
      repositoryProblem(repositories).ifPresent(problem -> errors.put(Field.REPOSITORIES, problem));
    }

    String context = trim(form.circleciContext());
    if (tooLong(Field.CIRCLECI_CONTEXT, context)) {
      errors.put(Field.CIRCLECI_CONTEXT, "A context name has at most "
          + maxLength(Field.CIRCLECI_CONTEXT) + " characters.");
    } else if (!context.isEmpty() && !CONTEXT.matcher(context).matches()) {
      errors.put(Field.CIRCLECI_CONTEXT, "A context name is one line without control"
          + " characters. Leave it empty to use project variables.");
    }

    String userVariable = trim(form.userVariable());
    String tokenVariable = trim(form.tokenVariable());
    variableProblem(Field.USER_VARIABLE, userVariable)
        .ifPresent(problem -> errors.put(Field.USER_VARIABLE, problem));
    variableProblem(Field.TOKEN_VARIABLE, tokenVariable)
        .ifPresent(problem -> errors.put(Field.TOKEN_VARIABLE, problem));
    if (!errors.containsKey(Field.TOKEN_VARIABLE) && !userVariable.isEmpty()
        && userVariable.equals(tokenVariable)) {
      errors.put(Field.TOKEN_VARIABLE, "Use a different name from the user variable.");
    }

    int lifetime = parseLifetime(form.lifetimeDays());
    if (!RequestForm.LIFETIMES_IN_DAYS.contains(lifetime)) {
      errors.put(Field.LIFETIME, "Choose a token lifetime.");
    }

    String reason = trim(form.reason());
    if (missing(Field.REASON, reason)) {
      errors.put(Field.REASON, "Say briefly why the pipeline needs the credential.");
    } else if (tooLong(Field.REASON, reason)) {
      errors.put(Field.REASON, "Keep the reason to " + maxLength(Field.REASON)
          + " characters (it has " + reason.length() + ").");
    }

    if (!errors.isEmpty()) {
      return new Result.Invalid(errors);
    }
    return new Result.Valid(new RequestSpec(pipeline, kind.get(), scope.get(), repositories,
        context.isEmpty() ? Optional.empty() : Optional.of(context), userVariable, tokenVariable,
        lifetime, reason));
  }

  private Optional<String> repositoryProblem(List<String> repositories) {
    String list = String.join("\n", repositories);
    if (tooLong(Field.REPOSITORIES, list)) {
      return Optional.of("Keep the list to " + maxLength(Field.REPOSITORIES)
          + " characters (it has " + list.length()
          + "); a glob such as my-org/* covers many repositories.");
    }
    if (repositories.isEmpty()) {
      return Optional.of("List at least one repository, such as " + ALL_PUBLIC_IMAGES
          + " for all public images.");
    }
    if (repositories.size() > MAX_REPOSITORIES) {
      return Optional.of("List at most " + MAX_REPOSITORIES + " repositories.");
    }
    for (String repository : repositories) {
      if (!repository.equals(ALL_PUBLIC_IMAGES) && !REPOSITORY.matcher(repository).matches()) {
        return Optional.of("'" + shorten(repository) + "' is not a repository path. Use "
            + ALL_PUBLIC_IMAGES + ", " + org + "/* or " + org + "/my-image, one per line.");
      }
      if (!repository.equals(ALL_PUBLIC_IMAGES) && !repository.startsWith(org + "/")) {
        return Optional.of("'" + shorten(repository) + "' is not in the organisation " + org
            + ": an organisation access token reaches only " + org + "'s repositories (such as "
            + org + "/* or " + org + "/my-image) and " + ALL_PUBLIC_IMAGES + ".");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> variableProblem(Field field, String name) {
    if (missing(field, name)) {
      return Optional.of("Enter an environment variable name.");
    }
    if (tooLong(field, name)) {
      return Optional.of("A variable name has at most " + maxLength(field) + " characters.");
    }
    if (!VARIABLE.matcher(name).matches()) {
      return Optional.of("A variable name has letters, digits and '_' only and does not start"
          + " with a digit.");
    }
    if (name.toUpperCase().startsWith("CIRCLE")) {
      return Optional.of("Names starting with CIRCLE are reserved by CircleCI.");
    }
    return Optional.empty();
  }

  private static boolean missing(Field field, String value) {
    return value.isEmpty() && !field.input().optional();
  }

  private static boolean tooLong(Field field, String value) {
    return value.length() > maxLength(field);
  }

  private static int maxLength(Field field) {
    return field.input().maxLength().orElseThrow();
  }

  private static int parseLifetime(String value) {
    try {
      return Integer.parseInt(trim(value));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static List<String> lines(String text) {
    List<String> result = new ArrayList<>();
    Arrays.stream(trim(text).split("[\\r\\n,]+"))
        .map(String::trim)
        .filter(line -> !line.isEmpty())
        .distinct()
        .forEach(result::add);
    return result;
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  private static String trim(String value) {
    return value == null ? "" : value.strip();
  }
}
