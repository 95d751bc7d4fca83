package org.webops.dockerhubbot.slack.views;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.webops.dockerhubbot.logs.LogContext;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.RequestAnnouncer;
import org.webops.dockerhubbot.workflow.FormInput;
import org.webops.dockerhubbot.workflow.RequestForm;
import org.webops.dockerhubbot.workflow.RequestService;
import org.webops.dockerhubbot.workflow.RequestService.Submission;

/**
 * The request modal's submission: validate, store (one transaction), ack; the card and the
 * requester's notice follow on the executor.
 */
public final class RequestModalSubmission implements ViewSubmissionHandler {
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
    Map<RequestForm.Field, String> typed = new EnumMap<>(RequestForm.Field.class);
    for (RequestForm.Field field : RequestForm.Field.values()) {
      String value = typed(values, field.input());
      if (value != null) {
        typed.put(field, value);
      }
    }
    RequestForm form = RequestForm.of(typed);
    String requester = request.getPayload().getUser().getId();
    ModalMetadata metadata = ModalMetadata.parse(view.getPrivateMetadata());

    Submission submission = service.submit(requester, metadata.originChannel(), form);
    if (submission instanceof Submission.Refused refused) {
      Map<String, String> errors = new LinkedHashMap<>();
      refused.errors().forEach((field, message) -> errors.put(field.input().blockId(), message));
      return ctx.ackWithErrors(errors);
    }
    var created = ((Submission.Created) submission).request();
    try (LogContext.Scope scope = LogContext.request(created.id())) {
      async.run("announcing request #" + created.id(), () -> announcer.created(created));
      return ctx.ack();
    }
  }

  /** What was typed or chosen in the field's input; null when Slack sent nothing for it. */
  private static String typed(Map<String, Map<String, ViewState.Value>> values, FormInput input) {
    Map<String, ViewState.Value> inBlock = values == null ? null : values.get(input.blockId());
    ViewState.Value value = inBlock == null ? null : inBlock.get(input.actionId());
    if (value == null) {
      return null;
    }
    return switch (input.inputKind()) {
      case SINGLE_LINE_TEXT, MULTI_LINE_TEXT -> value.getValue();
      case STATIC_SELECT, RADIO_BUTTONS ->
          value.getSelectedOption() == null ? null : value.getSelectedOption().getValue();
    };
  }
}
