package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.radioButtons;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REQUEST_MODAL;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.workflow.CredentialKinds;
import org.webops.dockerhubbot.workflow.FormInput;
import org.webops.dockerhubbot.workflow.InputKind;
import org.webops.dockerhubbot.workflow.RequestForm.Field;

/** The request form that {@code /dockerhub-user new} opens: one input per declared field. */
public final class RequestModal {
  private RequestModal() {}

  /**
   * @param pipeline prefilled project slug, from {@code /dockerhub-user new <pipeline>}
   * @param privateMetadata serialised {@link ModalMetadata}
   */
  public static View build(Optional<String> pipeline, String privateMetadata, boolean dryRun,
      CredentialKinds kinds) {
    Map<Field, String> prefilled = pipeline.map(p -> Map.of(Field.PIPELINE, p)).orElse(Map.of());
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText(
        "Ask for a Docker Hub credential for one CircleCI pipeline. A webops approver checks it,"
            + " then the bot creates the token and writes it into CircleCI. You never see the"
            + " secret; the approver stores it in the password manager."))));
    for (Field field : Field.values()) {
      FormInput input = field.input();
      Optional<String> initial = Optional.ofNullable(prefilled.get(field))
          .or(() -> input.initialValue().apply(kinds));
      blocks.add(input(i -> {
        i.blockId(input.blockId()).optional(input.optional()).label(plainText(input.label()))
            .element(element(input, initial, kinds));
        input.hint().ifPresent(hint -> i.hint(plainText(hint)));
        return i;
      }));
      for (String note : input.notes().apply(kinds)) {
        blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.escape(note))))));
      }
    }
    if (dryRun) {
      blocks.add(context(c -> c.elements(List.of(markdownText(
          ":test_tube: Dry run: nothing will be written to Docker Hub or CircleCI.")))));
    }
    return view(v -> v.type("modal")
        .callbackId(REQUEST_MODAL)
        .title(viewTitle(t -> t.type("plain_text").text("Docker Hub credential")))
        .submit(viewSubmit(t -> t.type("plain_text").text("Request")))
        .close(viewClose(t -> t.type("plain_text").text("Cancel")))
        .privateMetadata(privateMetadata)
        .blocks(blocks));
  }

  private static BlockElement element(FormInput input, Optional<String> initial,
      CredentialKinds kinds) {
    return switch (input.inputKind()) {
      case SINGLE_LINE_TEXT, MULTI_LINE_TEXT -> plainTextInput(t -> {
        t.actionId(input.actionId()).multiline(input.inputKind() == InputKind.MULTI_LINE_TEXT);
        input.placeholder().ifPresent(text -> t.placeholder(plainText(text)));
        input.maxLength().ifPresent(t::maxLength);
        // Slack refuses the whole view when an initial value is longer than its field.
        initial.filter(value -> value.length() <= input.maxLength().orElse(Integer.MAX_VALUE))
            .ifPresent(t::initialValue);
        return t;
      });
      case STATIC_SELECT -> staticSelect(s -> {
        List<OptionObject> options = options(input, kinds);
        s.actionId(input.actionId()).options(options);
        input.placeholder().ifPresent(text -> s.placeholder(plainText(text)));
        selected(options, initial).ifPresent(s::initialOption);
        return s;
      });
      case RADIO_BUTTONS -> radioButtons(r -> {
        List<OptionObject> options = options(input, kinds);
        r.actionId(input.actionId()).options(options);
        selected(options, initial).ifPresent(r::initialOption);
        return r;
      });
    };
  }

  private static List<OptionObject> options(FormInput input, CredentialKinds kinds) {
    return input.choices().apply(kinds).stream().map(choice -> OptionObject.builder()
        .text(plainText(choice.label())).value(choice.id()).build()).toList();
  }

  private static Optional<OptionObject> selected(List<OptionObject> options,
      Optional<String> id) {
    return options.stream().filter(option -> id.equals(Optional.of(option.getValue())))
        .findFirst();
  }
}
