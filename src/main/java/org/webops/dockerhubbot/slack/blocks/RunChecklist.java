package org.webops.dockerhubbot.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.CHECK_MEMBERSHIP_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REPLACE_VARIABLES_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.RETRY_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.RUN_BLOCK;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.SIGNED_UP_ACTION;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.SIGN_UP_AGAIN_ACTION;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.provisioning.Operation;
import org.webops.dockerhubbot.provisioning.Plans;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepRecord;
import org.webops.dockerhubbot.provisioning.StepStatus;
import org.webops.dockerhubbot.workflow.OperationKind;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * The run's steps on the card: ✅ done (with its time), ⏳ running, ⏸ waiting for a person,
 * ❌ failed (with the reason), ▫️ not started; and the one button the run needs, if any.
 */
public final class RunChecklist {
  static final int DETAIL_MAX = 400;

  private RunChecklist() {}

  public static String text(ProvisioningRequest request, RunStore.Snapshot run) {
    List<StepRecord> steps = run.steps();
    OperationKind kind = run.operation().map(Operation::kind).orElse(OperationKind.PROVISION);
    StringBuilder text = new StringBuilder(switch (kind) {
      case PROVISION -> "*Progress*";
      case ROTATE -> "*Rotation*";
      case REVOKE -> "*Revocation*";
    });
    Optional<Operation.Status> status = run.operation().map(Operation::status);
    if (status.map(s -> s == Operation.Status.DONE).orElse(request.state() == RequestState.DONE)) {
      text.append(" — done");
    } else if (failed(request, run)) {
      text.append(" — stopped");
    }
    for (StepId id : Plans.of(kind, request.spec().kind()).steps()) {
      Optional<StepRecord> step = steps.stream().filter(s -> s.step() == id).findFirst();
      text.append('\n').append(line(id, step));
    }
    return text.toString();
  }

  private static String line(StepId id, Optional<StepRecord> step) {
    if (step.isEmpty()) {
      return ":white_small_square: " + id.label();
    }
    StepRecord record = step.get();
    return switch (record.status()) {
      case DONE -> ":white_check_mark: " + id.label() + " · " + SlackText.time(record.at());
      case RUNNING -> ":hourglass_flowing_sand: " + id.label() + "…";
      case WAITING -> ":double_vertical_bar: *" + id.label() + "*: "
          + shorten(SlackText.of(record.detail()));
      case FAILED -> ":x: *" + id.label() + "* failed: "
          + shorten(SlackText.of(record.detail()));
    };
  }

  static Optional<LayoutBlock> buttons(ProvisioningRequest request, RunStore.Snapshot run,
      BlockIds ids) {
    String id = Long.toString(request.id());
    if (failed(request, run)) {
      return Optional.of(block(ids, button(b -> b.actionId(RETRY_ACTION).text(plainText("Retry"))
          .value(id).style("primary"))));
    }
    boolean open = run.operation().map(op -> op.status() == Operation.Status.OPEN)
        .orElse(request.state() == RequestState.IN_PROGRESS);
    if (!open) {
      return Optional.empty();
    }
    List<StepRecord> steps = run.steps();
    Optional<StepId> waiting = steps.stream().filter(s -> s.status() == StepStatus.WAITING)
        .map(StepRecord::step).findFirst();
    if (waiting.equals(Optional.of(StepId.VERIFY_SIGN_UP))) {
      return Optional.of(block(ids,
          button(b -> b.actionId(SIGNED_UP_ACTION)
              .text(plainText("Account created and e-mail verified")).value(id).style("primary")),
          button(b -> b.actionId(SIGN_UP_AGAIN_ACTION)
              .text(plainText("Send the sign-up details again")).value(id))));
    }
    if (waiting.equals(Optional.of(StepId.WRITE_CIRCLECI))) {
      return Optional.of(block(ids, button(b -> b.actionId(REPLACE_VARIABLES_ACTION)
          .text(plainText("Replace the existing values")).value(id).style("danger"))));
    }
    if (waiting.equals(Optional.of(StepId.AWAIT_MEMBERSHIP))) {
      return Optional.of(block(ids, button(b -> b.actionId(CHECK_MEMBERSHIP_ACTION)
          .text(plainText("Check now")).value(id))));
    }
    return Optional.empty();
  }

  /** The newest operation stopped at a step and waits for Retry. */
  private static boolean failed(ProvisioningRequest request, RunStore.Snapshot run) {
    return run.operation().map(op -> op.status() == Operation.Status.FAILED)
        .orElse(request.state() == RequestState.FAILED);
  }

  private static LayoutBlock block(BlockIds ids, BlockElement... buttons) {
    return actions(a -> a.blockId(ids.of(RUN_BLOCK)).elements(List.of(buttons)));
  }

  private static String shorten(String text) {
    return text.length() <= DETAIL_MAX ? text : text.substring(0, DETAIL_MAX - 1) + "…";
  }
}
