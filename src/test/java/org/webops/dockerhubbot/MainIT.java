package org.webops.dockerhubbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real entry point in its own JVM: a broken configuration stops it before anything starts. */
class MainIT {

  @Test
  void main_emptyEnvironmentButOneSecret_exits2ListingEveryProblemAndNoSecret() throws Exception {
    // given
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName())
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("DOCKERHUB_ADMIN_PASSWORD", "hunter2-admin-password");
    builder.environment().put("PORT", "eighty");

    // when
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    // then
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).contains("The configuration has 8 problems", "PORT is malformed",
        "SLACK_BOT_TOKEN is missing", "SLACK_SIGNING_SECRET is missing",
        "SLACK_APPROVAL_CHANNEL is missing", "DOCKERHUB_ORG is missing",
        "DOCKERHUB_ADMIN_USERNAME is missing", "CIRCLECI_TOKEN is missing",
        "PUBLIC_BASE_URL is missing");
    assertThat(output).doesNotContain("hunter2-admin-password");
  }

  @Test
  void main_publicApprovalChannelWithoutApproverGroup_exits2SayingWhatToChange(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // given: a complete configuration, and Slack says the approval channel is public
    try (var slack = new org.webops.dockerhubbot.testing.FakeSlack();
        var circleci = new org.webops.dockerhubbot.testing.FakeCircleCi()) {
      slack.channelPrivate(org.webops.dockerhubbot.testing.TestBot.APPROVAL_CHANNEL, false);
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName())
          .redirectErrorStream(true);
      builder.environment().putAll(
          org.webops.dockerhubbot.testing.TestBot.baseEnvironment(dir, slack, circleci));

      // when
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

      // then
      assertThat(process.exitValue()).as(output).isEqualTo(2);
      assertThat(output).contains("is a public channel", "Set SLACK_APPROVER_GROUP",
          "make the channel private").doesNotContain("serving on port");
    }
  }
}
