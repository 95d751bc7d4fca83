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
import static org.webops.dockerhubbot.slack.SlackIds.*;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.CredentialKinds;
import org.webops.dockerhubbot.workflow.FormChoice;
import org.webops.dockerhubbot.workflow.RequestValidator;
import org.webops.dockerhubbot.workflow.TokenScope;

/** The request form that {@code /dockerhub-user new} opens. */
public final class RequestModal {
  public static final String DEFAULT_USER_VARIABLE = "DOCKER_USER";
  public static final String DEFAULT_TOKEN_VARIABLE = "DOCKER_ACCESS_TOKEN";

  private RequestModal() {}

  /**
   * @param pipeline prefilled project slug, from {@code /dockerhub-user new <pipeline>}
   * @param privateMetadata serialised {@link ModalMetadata}
   */
  public static View build(Optional<String> pipeline, String privateMetadata, boolean dryRun,
      CredentialKinds kinds) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText(
        "Ask for a Docker Hub credential for one CircleCI pipeline. A webops approver checks it,"
            + " then the bot creates the token and writes it into CircleCI. You never see the"
            + " secret; the approver stores it in the password manager."))));
    blocks.add(input(i -> i.blockId(PIPELINE_BLOCK)
        .label(plainText("CircleCI project"))
        .hint(plainText("The project slug from the project's settings in CircleCI: gh/org/repo,"
            + " bb/org/repo, or circleci/<org id>/<project id> (GitHub App, GitLab, Bitbucket"
            + " Data Center)."))
        .element(plainTextInput(t -> {
          t.actionId(PIPELINE_ACTION).placeholder(plainText("gh/my-org/my-repo"))
              .maxLength(RequestValidator.MAX_PIPELINE_LENGTH);
          // Slack refuses the whole view when an initial value is longer than its field.
          pipeline.filter(p -> p.length() <= RequestValidator.MAX_PIPELINE_LENGTH)
              .ifPresent(t::initialValue);
          return t;
        }))));
    List<OptionObject> offered = options(kinds.available().toArray(new FormChoice[0]));
    blocks.add(input(i -> i.blockId(KIND_BLOCK)
        .label(plainText("Credential kind"))
        .element(radioButtons(r -> r.actionId(KIND_ACTION).options(offered)
            .initialOption(option(kinds.preferred().orElseThrow()))))));
    for (CredentialKind kind : CredentialKind.values()) {
      kinds.whyNot(kind).ifPresent(why -> blocks.add(context(c -> c.elements(List.of(
          markdownText(SlackText.escape(why)))))));
    }
    List<OptionObject> scopes = options(TokenScope.values());
    blocks.add(input(i -> i.blockId(SCOPE_BLOCK)
        .label(plainText("Token scope"))
        .element(staticSelect(s -> s.actionId(SCOPE_ACTION).options(scopes)
            .initialOption(option(TokenScope.READ_ONLY))))));
    blocks.add(input(i -> i.blockId(REPOSITORIES_BLOCK)
        .optional(true)
        .label(plainText("Repositories the token may pull (organisation tokens)"))
        .hint(plainText("One per line. */*/public covers all public images, which lifts the"
            + " anonymous pull limit; add the organisation's own, such as my-org/* (only the"
            + " organisation's repositories can be added). Push never applies to */*/public."))
        .element(plainTextInput(t -> t.actionId(REPOSITORIES_ACTION).multiline(true)
            .maxLength(RequestValidator.MAX_REPOSITORIES_LENGTH)
            .initialValue(RequestValidator.ALL_PUBLIC_IMAGES)))));
    blocks.add(input(i -> i.blockId(CONTEXT_BLOCK)
        .optional(true)
        .label(plainText("CircleCI context"))
        .hint(plainText("Leave empty to write project environment variables, or name a context"
            + " to share the credential between projects."))
        .element(plainTextInput(t -> t.actionId(CONTEXT_ACTION)
            .maxLength(RequestValidator.MAX_CONTEXT_LENGTH)
            .placeholder(plainText("project variables"))))));
    blocks.add(input(i -> i.blockId(USER_VARIABLE_BLOCK)
        .label(plainText("Variable for the user name"))
        .element(plainTextInput(t -> t.actionId(USER_VARIABLE_ACTION)
            .maxLength(RequestValidator.MAX_VARIABLE_LENGTH)
            .initialValue(DEFAULT_USER_VARIABLE)))));
    blocks.add(input(i -> i.blockId(TOKEN_VARIABLE_BLOCK)
        .label(plainText("Variable for the access token"))
        .element(plainTextInput(t -> t.actionId(TOKEN_VARIABLE_ACTION)
            .maxLength(RequestValidator.MAX_VARIABLE_LENGTH)
            .initialValue(DEFAULT_TOKEN_VARIABLE)))));
    List<OptionObject> lifetimes = RequestValidator.LIFETIMES_IN_DAYS.stream()
        .map(RequestModal::lifetimeOption).toList();
    blocks.add(input(i -> i.blockId(LIFETIME_BLOCK)
        .label(plainText("Token lifetime"))
        .hint(plainText("The bot reminds webops before the token expires."))
        .element(staticSelect(s -> s.actionId(LIFETIME_ACTION).options(lifetimes)
            .initialOption(lifetimeOption(RequestValidator.DEFAULT_LIFETIME_DAYS))))));
    blocks.add(input(i -> i.blockId(REASON_BLOCK)
        .label(plainText("Reason"))
        .element(plainTextInput(t -> t.actionId(REASON_ACTION).multiline(true)
            .maxLength(RequestValidator.MAX_REASON_LENGTH)
            .placeholder(plainText("What the pipeline builds and why it pulls from Docker Hub"))))));
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

  private static List<OptionObject> options(FormChoice[] choices) {
    return Arrays.stream(choices).map(RequestModal::option).toList();
  }

  private static OptionObject option(FormChoice choice) {
    return option(choice.label(), choice.id());
  }

  private static OptionObject lifetimeOption(int days) {
    return option(days + " days", Integer.toString(days));
  }

  private static OptionObject option(String text, String value) {
    return OptionObject.builder().text(plainText(text)).value(value).build();
  }
}
