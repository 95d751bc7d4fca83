package org.webops.dockerhubbot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.drift.DriftFinding;
import org.webops.dockerhubbot.drift.DriftReport;
import org.webops.dockerhubbot.drift.DriftReported;
import org.webops.dockerhubbot.testing.Golden;

/** The drift report's blocks, checked against golden JSON, and its limits. */
class DriftBlocksTest {
  private static final Instant NOW = Instant.parse("2026-11-30T00:00:05Z");
  private static final Gson SLACK_JSON = GsonFactory.createSnakeCase();

  static DriftReport everyKind() {
    return new DriftReport(List.of(
        new DriftFinding.OrgTokenMissing(42, "gh/example/app", "circleci-app-r42-g2"),
        new DriftFinding.VariablesMissing(42, "gh/example/app", "", List.of("DOCKER_ACCESS_TOKEN"),
            false),
        new DriftFinding.OrgTokenInactive(43, "gh/example/api", "circleci-api-r43-g1"),
        new DriftFinding.NotInTeam(44, "gh/example/web", "examplewebci", "ci-pullers"),
        new DriftFinding.VariablesMissing(45, "gh/example/docs", "docker-hub",
            List.of("DOCKER_ACCESS_TOKEN", "DOCKER_USER"), true),
        new DriftFinding.OrphanToken("circleci-legacy-r7-g1", "a3c1-77", true),
        new DriftFinding.UnknownTeamMember("alice-by-hand", "ci-pullers")), NOW);
  }

  @Test
  void report_everyKindOfFinding_matchesGolden() throws Exception {
    Golden.assertMatches(getClass(), "drift-report", DriftBlocks.of(
        DriftReported.of(everyKind(), true)));
  }

  @Test
  void report_backToClean_saysSoWithoutButtons() {
    String json = SLACK_JSON.toJson(DriftBlocks.of(DriftReported.of(
        new DriftReport(List.of(), NOW), false)));

    assertThat(json).contains("no differences", "Checked when an approver asked.")
        .doesNotContain("\"button\"");
  }

  @Test
  void report_manyFindings_staysWithinSlackAndStoredLimits() {
    List<DriftFinding> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add(new DriftFinding.VariablesMissing(1000 + i, "gh/example/" + "x".repeat(80) + i,
          "context-" + "y".repeat(60), List.of("DOCKER_ACCESS_TOKEN", "DOCKER_USER"), false));
    }
    DriftReported reported = DriftReported.of(new DriftReport(many, NOW), true);

    assertThat(reported.total()).isEqualTo(300);
    assertThat(reported.shown()).hasSizeLessThanOrEqualTo(DriftReported.MAX_SHOWN);
    assertThat(DriftBlocks.of(reported)).hasSizeLessThanOrEqualTo(100);
    assertThat(SLACK_JSON.toJson(DriftBlocks.of(reported))).contains("more: `/dockerhub-user"
        + " drift` lists them all");
  }

  @Test
  void fingerprint_sameFindingsInAnyOrder_same() {
    List<DriftFinding> findings = new ArrayList<>(everyKind().findings());
    java.util.Collections.reverse(findings);

    assertThat(new DriftReport(findings, NOW.plusSeconds(86_400)).fingerprint())
        .isEqualTo(everyKind().fingerprint())
        .isNotEqualTo(DriftReport.cleanFingerprint());
  }
}
