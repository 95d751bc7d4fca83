package org.webops.dockerhubbot.workflow;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * One field of a form as declared once: the front end builds its input from this and reads it
 * back by the ids, and the validator takes the field's limits from it. What depends on the
 * configuration (which credential kinds are offered) is a function of {@link CredentialKinds}.
 *
 * @param maxLength for text inputs; the front end lets no more be typed
 * @param optional whether the field may be left empty
 * @param initialValue the text shown, or the id of the choice selected, when the form opens
 * @param notes lines shown under the input, such as why a choice is missing
 */
public record FormInput(
    String blockId,
    String actionId,
    InputKind inputKind,
    String label,
    Optional<String> hint,
    Optional<String> placeholder,
    OptionalInt maxLength,
    boolean optional,
    Function<CredentialKinds, List<? extends FormChoice>> choices,
    Function<CredentialKinds, Optional<String>> initialValue,
    Function<CredentialKinds, List<String>> notes) {

  public static Builder singleLineText(String blockId, String actionId, String label) {
    return new Builder(blockId, actionId, InputKind.SINGLE_LINE_TEXT, label);
  }

  public static Builder multiLineText(String blockId, String actionId, String label) {
    return new Builder(blockId, actionId, InputKind.MULTI_LINE_TEXT, label);
  }

  public static Builder staticSelect(String blockId, String actionId, String label) {
    return new Builder(blockId, actionId, InputKind.STATIC_SELECT, label);
  }

  public static Builder radioButtons(String blockId, String actionId, String label) {
    return new Builder(blockId, actionId, InputKind.RADIO_BUTTONS, label);
  }

  /** Spells out a declaration; what is not said is absent: no hint, no limit, required. */
  public static final class Builder {
    private final String blockId;
    private final String actionId;
    private final InputKind inputKind;
    private final String label;
    private Optional<String> hint = Optional.empty();
    private Optional<String> placeholder = Optional.empty();
    private OptionalInt maxLength = OptionalInt.empty();
    private boolean optional;
    private Function<CredentialKinds, List<? extends FormChoice>> choices = kinds -> List.of();
    private Function<CredentialKinds, Optional<String>> initialValue = kinds -> Optional.empty();
    private Function<CredentialKinds, List<String>> notes = kinds -> List.of();

    private Builder(String blockId, String actionId, InputKind inputKind, String label) {
      this.blockId = blockId;
      this.actionId = actionId;
      this.inputKind = inputKind;
      this.label = label;
    }

    public Builder hint(String text) {
      hint = Optional.of(text);
      return this;
    }

    public Builder placeholder(String text) {
      placeholder = Optional.of(text);
      return this;
    }

    public Builder maxLength(int characters) {
      maxLength = OptionalInt.of(characters);
      return this;
    }

    public Builder optional() {
      optional = true;
      return this;
    }

    public Builder choices(List<? extends FormChoice> fixed) {
      choices = kinds -> fixed;
      return this;
    }

    public Builder choices(Function<CredentialKinds, List<? extends FormChoice>> offered) {
      choices = offered;
      return this;
    }

    public Builder initially(String value) {
      initialValue = kinds -> Optional.of(value);
      return this;
    }

    public Builder initially(FormChoice choice) {
      return initially(choice.id());
    }

    public Builder initially(
        Function<CredentialKinds, Optional<? extends FormChoice>> preselected) {
      initialValue = kinds -> preselected.apply(kinds).map(FormChoice::id);
      return this;
    }

    public Builder notes(Function<CredentialKinds, List<String>> lines) {
      notes = lines;
      return this;
    }

    FormInput build() {
      return new FormInput(blockId, actionId, inputKind, label, hint, placeholder, maxLength,
          optional, choices, initialValue, notes);
    }
  }
}
