package org.webops.dockerhubbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.notices.Prewritten;
import org.webops.dockerhubbot.provisioning.RunEvent;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.secretlinks.LinkEvent;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.Decision;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestMoved;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenScope;
import org.webops.dockerhubbot.workflow.Transition;

class NoticeTextsTest {
  private static final Instant AT = Instant.parse("2030-01-01T10:42:07Z");

  private static ProvisioningRequest request(boolean dryRun) {
    RequestSpec spec = new RequestSpec("gh/org/repo", CredentialKind.SERVICE_USER,
        TokenScope.READ_ONLY, List.of(), Optional.of("docker-hub"), "DOCKER_USER",
        "DOCKER_ACCESS_TOKEN", 90, "pulls");
    return new ProvisioningRequest(12, "U0REQUESTER", Optional.empty(), spec, dryRun,
        RequestState.IN_PROGRESS, Optional.of(new Decision("U0APPROVER", AT, Optional.empty())),
        Optional.empty(), AT, Optional.empty());
  }

  @Test
  void stepDone_proseLines_markedUpAndEscapedUnderTheStepLabel() {
    String text = NoticeTexts.of(new RunEvent.StepDone(StepId.INVITE_TO_TEAM, List.of(
        Prose.of("Invited ", Prose.code("svc<x>"), " for ", Prose.person("U1")),
        Prose.of(Prose.strong("Check now"), " & wait")), false), Notice.Audience.THREAD, request(false));

    assertThat(text).isEqualTo(":white_check_mark: *Invited into the organisation's team*\n"
        + "Invited `svc&lt;x&gt;` for <@U1>\n*Check now* &amp; wait");
  }

  @Test
  void runWaiting_signUp_namesTheApproverToTheRequester() {
    String text = NoticeTexts.of(new RunEvent.RunWaiting(StepId.VERIFY_SIGN_UP), Notice.Audience.THREAD, request(false));

    assertThat(text).isEqualTo("Your request #12 for `gh/org/repo` waits for <@U0APPROVER> to"
        + " sign up its Docker ID on Docker Hub. I'll tell you when it goes on.");
  }

  @Test
  void stepFailed_reasonWithMarkup_escaped() {
    String text = NoticeTexts.of(new RunEvent.StepFailed(StepId.WRITE_CIRCLECI, "<!channel> 403"),
        Notice.Audience.THREAD, request(false));

    assertThat(text).startsWith(":x: *CircleCI variables written* failed: &lt;!channel&gt; 403");
  }

  @Test
  void rejected_reasonEscapedAndApproverMentioned() {
    String text = NoticeTexts.of(new RequestMoved(Transition.REJECT, "U0APPROVER", "use <a> token"),
        Notice.Audience.THREAD, request(false));

    assertThat(text).isEqualTo("Your request #12 for `gh/org/repo` was rejected by <@U0APPROVER>:"
        + " use &lt;a&gt; token");
  }

  @Test
  void finished_dryRun_saysNothingWasWritten() {
    String text = NoticeTexts.of(new RequestMoved(Transition.FINISH, "bot", ""), Notice.Audience.THREAD, request(true));

    assertThat(text).startsWith(":test_tube: Dry run: Your request #12 for `gh/org/repo` ran"
        + " through without writing anything.");
  }

  @Test
  void linkOpened_timeInEachReadersZoneWithUtcFallback() {
    String text = NoticeTexts.of(new LinkEvent.LinkOpened(AT), Notice.Audience.THREAD, request(false));

    assertThat(text).contains("Secret link opened at <!date^" + AT.getEpochSecond()
        + "^{time}|10:42 UTC>");
  }

  @Test
  void linkExpired_credentials_saysHowToGetFreshOnes() {
    String text = NoticeTexts.of(new LinkEvent.LinkExpired(false, "gh/org/repo"), Notice.Audience.THREAD, request(false));

    assertThat(text).contains("expired unclaimed").contains("never kept")
        .contains("`/dockerhub-user rotate gh/org/repo`");
  }

  @Test
  void linkExpired_signUp_pointsAtTheSendAgainButton() {
    String text = NoticeTexts.of(new LinkEvent.LinkExpired(true, "gh/org/repo"), Notice.Audience.THREAD, request(false));

    assertThat(text).contains("sign-up link expired unclaimed")
        .contains("*Send the sign-up details again*").doesNotContain("rotate");
  }

  @Test
  void prewritten_deliveredAsStored() {
    assertThat(NoticeTexts.of(new Prewritten(":ok: *as* `stored`"), Notice.Audience.THREAD, request(false)))
        .isEqualTo(":ok: *as* `stored`");
  }
}
