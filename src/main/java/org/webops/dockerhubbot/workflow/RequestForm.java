package org.webops.dockerhubbot.workflow;

import static org.webops.dockerhubbot.workflow.FormInput.multiLineText;
import static org.webops.dockerhubbot.workflow.FormInput.radioButtons;
import static org.webops.dockerhubbot.workflow.FormInput.singleLineText;
import static org.webops.dockerhubbot.workflow.FormInput.staticSelect;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The request modal's values as typed, before validation; any of them may be null. */
public record RequestForm(
    String pipeline,
    String kind,
    String scope,
    String repositories,
    String circleciContext,
    String userVariable,
    String tokenVariable,
    String lifetimeDays,
    String reason) {

  public static final List<Integer> LIFETIMES_IN_DAYS = List.of(30, 60, 90, 180, 365);

  /** @param typed what was typed or chosen in each field; a field not in it had nothing */
  public static RequestForm of(Map<Field, String> typed) {
    return new RequestForm(typed.get(Field.PIPELINE), typed.get(Field.KIND),
        typed.get(Field.SCOPE), typed.get(Field.REPOSITORIES), typed.get(Field.CIRCLECI_CONTEXT),
        typed.get(Field.USER_VARIABLE), typed.get(Field.TOKEN_VARIABLE), typed.get(Field.LIFETIME),
        typed.get(Field.REASON));
  }

  /**
   * The form's fields, each declared once: the modal is built from these in this order, the
   * submission is read and its errors shown by their ids, and the validator takes their limits.
   */
  public enum Field {
    PIPELINE(singleLineText("pipeline-block", "pipeline-action", "CircleCI project")
        .hint("The project slug from the project's settings in CircleCI: gh/org/repo,"
            + " bb/org/repo, or circleci/<org id>/<project id> (GitHub App, GitLab, Bitbucket"
            + " Data Center).")
        .placeholder("gh/my-org/my-repo")
        .maxLength(200)),
    KIND(radioButtons("kind-block", "kind-action", "Credential kind")
        .choices(CredentialKinds::available)
        .initially(CredentialKinds::preferred)
        .notes(Field::whyKindsAreMissing)),
    SCOPE(staticSelect("scope-block", "scope-action", "Token scope")
        .choices(List.of(TokenScope.values()))
        .initially(TokenScope.READ_ONLY)),
    /**
     * Typed one per line: it is stored in 2,000 characters and shown on the card in a field of at
     * most 2,000 ({@code `path`, } per line), which 1,000 leaves room for.
     */
    REPOSITORIES(multiLineText("repositories-block", "repositories-action",
            "Repositories the token may pull (organisation tokens)")
        .optional()
        .hint("One per line. */*/public covers all public images, which lifts the anonymous pull"
            + " limit; add the organisation's own, such as my-org/* (only the organisation's"
            + " repositories can be added). Push never applies to */*/public.")
        .maxLength(1000)
        .initially(RequestValidator.ALL_PUBLIC_IMAGES)),
    CIRCLECI_CONTEXT(singleLineText("context-block", "context-action", "CircleCI context")
        .optional()
        .hint("Leave empty to write project environment variables, or name a context to share"
            + " the credential between projects.")
        .placeholder("project variables")
        .maxLength(200)),
    USER_VARIABLE(singleLineText("user-variable-block", "user-variable-action",
            "Variable for the user name")
        .maxLength(100)
        .initially("DOCKER_USER")),
    TOKEN_VARIABLE(singleLineText("token-variable-block", "token-variable-action",
            "Variable for the access token")
        .maxLength(100)
        .initially("DOCKER_ACCESS_TOKEN")),
    LIFETIME(staticSelect("lifetime-block", "lifetime-action", "Token lifetime")
        .hint("The bot reminds webops before the token expires.")
        .choices(LIFETIMES_IN_DAYS.stream().map(Field::lifetime).toList())
        .initially(lifetime(90))),
    REASON(multiLineText("reason-block", "reason-action", "Reason")
        .placeholder("What the pipeline builds and why it pulls from Docker Hub")
        .maxLength(500));

    private final FormInput input;

    Field(FormInput.Builder input) {
      this.input = input.build();
    }

    public FormInput input() {
      return input;
    }

    private static FormChoice lifetime(int days) {
      return new FormChoice.Plain(Integer.toString(days), days + " days");
    }

    private static List<String> whyKindsAreMissing(CredentialKinds kinds) {
      return Arrays.stream(CredentialKind.values()).flatMap(kind -> kinds.whyNot(kind).stream())
          .toList();
    }
  }
}
