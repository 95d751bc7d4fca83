package org.webops.dockerhubbot.slack.views;

import static org.webops.dockerhubbot.slack.SlackIds.*;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.RequestAnnouncer;
import org.webops.dockerhubbot.workflow.RequestForm;
import org.webops.dockerhubbot.workflow.RequestForm.Field;
import org.webops.dockerhubbot.workflow.RequestService;
import org.webops.dockerhubbot.workflow.RequestService.Submission;

/**
 * The request modal's submission: validate, store (one transaction), ack; the card and the
 * requester's notice follow on the executor.
 */
public final class RequestModalSubmission implements ViewSubmissionHandler {
  static final Map<Field, String> BLOCK_OF_FIELD = Map.of(
      Field.PIPELINE, PIPELINE_BLOCK,
      Field.KIND, KIND_BLOCK,
      Field.SCOPE, SCOPE_BLOCK,
      Field.REPOSITORIES, REPOSITORIES_BLOCK,
      Field.CIRCLECI_CONTEXT, CONTEXT_BLOCK,
      Field.USER_VARIABLE, USER_VARIABLE_BLOCK,
      Field.TOKEN_VARIABLE, TOKEN_VARIABLE_BLOCK,
      Field.LIFETIME, LIFETIME_BLOCK,
      Field.REASON, REASON_BLOCK);

  private final RequestService service;
  private final RequestAnnouncer announcer;
  private final AsyncWork async;

  public RequestModalSubmission(RequestService service, RequestAnnouncer announcer, AsyncWork async) {
    this.service = service;
    this.announcer = announcer;
    this.async = async;
  }

  @Override
  public Response apply(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
    var view = request.getPayload().getView();
    Map<String, Map<String, ViewState.Value>> values = view.getState().getValues();
    RequestForm form = new RequestForm(
        text(values, PIPELINE_BLOCK, PIPELINE_ACTION),
        selected(values, KIND_BLOCK, KIND_ACTION),
        selected(values, SCOPE_BLOCK, SCOPE_ACTION),
        text(values, REPOSITORIES_BLOCK, REPOSITORIES_ACTION),
        text(values, CONTEXT_BLOCK, CONTEXT_ACTION),
        text(values, USER_VARIABLE_BLOCK, USER_VARIABLE_ACTION),
        text(values, TOKEN_VARIABLE_BLOCK, TOKEN_VARIABLE_ACTION),
        selected(values, LIFETIME_BLOCK, LIFETIME_ACTION),
        text(values, REASON_BLOCK, REASON_ACTION));
    String requester = request.getPayload().getUser().getId();
    ModalMetadata metadata = ModalMetadata.parse(view.getPrivateMetadata());

    Submission submission = service.submit(requester, metadata.originChannel(), form);
    if (submission instanceof Submission.Refused refused) {
      Map<String, String> errors = new LinkedHashMap<>();
      refused.errors().forEach((field, message) -> errors.put(BLOCK_OF_FIELD.get(field), message));
      return ctx.ackWithErrors(errors);
    }
    var created = ((Submission.Created) submission).request();
    async.run("announcing request #" + created.id(), () -> announcer.created(created));
    return ctx.ack();
  }

  private static String text(Map<String, Map<String, ViewState.Value>> values, String block,
      String action) {
    ViewState.Value value = value(values, block, action);
    return value == null ? null : value.getValue();
  }

  private static String selected(Map<String, Map<String, ViewState.Value>> values, String block,
      String action) {
    ViewState.Value value = value(values, block, action);
    return value == null || value.getSelectedOption() == null
        ? null : value.getSelectedOption().getValue();
  }

  private static ViewState.Value value(Map<String, Map<String, ViewState.Value>> values,
      String block, String action) {
    Map<String, ViewState.Value> inBlock = values == null ? null : values.get(block);
    return inBlock == null ? null : inBlock.get(action);
  }
}
