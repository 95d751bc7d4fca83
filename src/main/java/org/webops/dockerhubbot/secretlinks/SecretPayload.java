package org.webops.dockerhubbot.secretlinks;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a one-time link reveals: a title, the pipeline it is for, labelled fields in display order
 * (for example "Docker ID", "Password", "E-mail alias", "Access token") and the CircleCI
 * {@code auth:} snippet. {@link #toString()} never prints a field value.
 *
 * @param title short heading shown on the page, for example "Docker Hub credentials"; not secret
 * @param pipeline the CircleCI project slug; not secret, shown before Reveal
 */
public record SecretPayload(
    String title, String pipeline, List<Field> fields, String authSnippet) {
  /** The title of a service user's sign-up details; such a link can be sent again. */
  public static final String SIGN_UP_TITLE = "Docker Hub sign-up details";

  public SecretPayload {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(pipeline, "pipeline");
    fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
    authSnippet = authSnippet == null ? "" : authSnippet;
    if (title.length() > 200 || pipeline.length() > 200) {
      throw new IllegalArgumentException("title and pipeline must be at most 200 characters");
    }
  }

  /** One labelled value; the label is shown before Reveal is not, the value only after. */
  public record Field(String label, String value) {
    public Field {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return "Field[" + label + "=***]";
    }
  }

  /** The usual snippet for a CircleCI {@code docker} executor reading two project variables. */
  public static String circleCiAuthSnippet(String userVariable, String tokenVariable) {
    return "auth:\n  username: $" + userVariable + "\n  password: $" + tokenVariable + "\n";
  }

  @Override
  public String toString() {
    return "SecretPayload[title=" + title + ", pipeline=" + pipeline + ", fields="
        + fields.stream().map(Field::label).collect(Collectors.joining(", ", "[", "]")) + "]";
  }
}
