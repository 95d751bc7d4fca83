package org.webops.dockerhubbot.slack.blocks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.webops.dockerhubbot.drift.DriftFinding;
import org.webops.dockerhubbot.drift.DriftReported;
import org.webops.dockerhubbot.drift.DriftReporting.Outcome;

/** The words of a drift report, in Slack mrkdwn; names and labels only, never a value. */
public final class DriftTexts {
  private static final int MAX_ANSWER = 12_000;

  private DriftTexts() {}

  /** The report as the approval channel's message text (its blocks carry the same lines). */
  public static String report(DriftReported report) {
    StringBuilder text = new StringBuilder(headline(report.total()));
    for (Group group : groups(report.shown())) {
      text.append('\n').append(group.title());
      group.lines().forEach(line -> text.append("\n• ").append(line));
    }
    more(report).ifPresent(line -> text.append('\n').append(line));
    return text.toString();
  }

  /** What the approver who asked is told: the findings, even when nothing changed. */
  public static String answer(Outcome outcome, String approvalChannel) {
    if (outcome instanceof Outcome.Refused refused) {
      return ":no_entry: " + refused.why();
    }
    if (outcome instanceof Outcome.Failed failed) {
      return ":warning: The drift check could not finish, so nothing was reported: "
          + SlackText.escape(failed.why()) + ". Please try again later.";
    }
    Outcome.Checked checked = (Outcome.Checked) outcome;
    List<DriftFinding> findings = checked.report().findings();
    StringBuilder text = new StringBuilder(headline(findings.size()));
    for (Group group : groups(findings)) {
      text.append('\n').append(group.title());
      group.lines().forEach(line -> text.append("\n• ").append(line));
    }
    text.append('\n').append(checked.posted()
        ? "_This differs from the last report, so it is posted in "
            + SlackText.channel(approvalChannel) + " too._"
        : "_The same as the last report, so the approval channel is not told again._");
    return SlackText.shorten(text.toString(), MAX_ANSWER);
  }

  public static String headline(int total) {
    return total == 0
        ? ":white_check_mark: *Drift report*: no differences. Every live credential's token,"
            + " CircleCI variables and team membership are where the bot left them, and nothing"
            + " else carries its name."
        : ":mag: *Drift report*: " + total + (total == 1 ? " difference" : " differences")
            + " between what the bot made and what Docker Hub and CircleCI show.";
  }

  /** The line that says how many findings the message leaves out, if it leaves out any. */
  public static java.util.Optional<String> more(DriftReported report) {
    int hidden = report.total() - report.shown().size();
    return hidden <= 0 ? java.util.Optional.empty()
        : java.util.Optional.of("_…and " + hidden + " more: `/dockerhub-user drift` lists them"
            + " all._");
  }

  /**
   * The findings of one credential (with its request id, for the buttons), or those the bot does
   * not own.
   *
   * @param requestId 0 for the findings that belong to no request
   * @param rotate whether a rotation would put any of them right
   */
  public record Group(long requestId, String title, List<String> lines, boolean rotate) {}

  /** Findings grouped by credential, in the report's order; the unowned ones last. */
  public static List<Group> groups(List<DriftFinding> findings) {
    Map<Long, List<DriftFinding.Owned>> owned = new LinkedHashMap<>();
    List<String> others = new ArrayList<>();
    for (DriftFinding finding : findings) {
      if (finding instanceof DriftFinding.Owned mine) {
        owned.computeIfAbsent(mine.requestId(), id -> new ArrayList<>()).add(mine);
      } else {
        others.add(line(finding));
      }
    }
    List<Group> groups = new ArrayList<>();
    owned.forEach((requestId, mine) -> groups.add(new Group(requestId, "*Request #" + requestId
        + "* " + SlackText.code(mine.get(0).pipeline()), mine.stream().map(DriftTexts::line)
        .toList(), mine.stream().anyMatch(DriftFinding.Owned::rotationFixes))));
    if (!others.isEmpty()) {
      groups.add(new Group(0, "*Not made by the bot, or left over*", others, false));
    }
    return groups;
  }

  static String line(DriftFinding finding) {
    if (finding instanceof DriftFinding.OrgTokenMissing missing) {
      return "Its organisation token " + SlackText.code(missing.label()) + " is gone from Docker"
          + " Hub: pulls with it fail. Rotate for a new one, or Revoke.";
    }
    if (finding instanceof DriftFinding.OrgTokenInactive inactive) {
      return "Its organisation token " + SlackText.code(inactive.label()) + " is deactivated in"
          + " Docker Hub: pulls with it fail. Rotate for a new one, or Revoke.";
    }
    if (finding instanceof DriftFinding.VariablesMissing variables) {
      String where = variables.context().isEmpty() ? "the project's environment variables"
          : "the CircleCI context " + SlackText.code(variables.context());
      String names = String.join(" and ", variables.names().stream().map(SlackText::code)
          .toList());
      return variables.gone()
          ? "CircleCI no longer shows " + (variables.context().isEmpty() ? "the project"
              : "the context " + SlackText.code(variables.context())) + " (deleted, or the"
              + " bot's CircleCI token cannot see it), so " + names + " are gone with it. Revoke"
              + " if the pipeline went away."
          : names + (variables.names().size() == 1 ? " is" : " are") + " missing from " + where
              + ". Rotate to write the variables again, or Revoke.";
    }
    if (finding instanceof DriftFinding.NotInTeam notInTeam) {
      return "Its service user " + SlackText.code(notInTeam.dockerId()) + " is not in the team "
          + SlackText.code(notInTeam.team()) + " any more: it cannot pull private images. Add"
          + " it back in Docker Hub, or Revoke.";
    }
    if (finding instanceof DriftFinding.OrphanToken orphan) {
      return "The organisation token " + SlackText.code(orphan.label())
          + (orphan.active() ? "" : " (deactivated)") + " carries the bot's label but belongs to"
          + " no live request. Delete it in Docker Hub if nothing uses it.";
    }
    DriftFinding.UnknownTeamMember member = (DriftFinding.UnknownTeamMember) finding;
    return SlackText.code(member.username()) + " is in the team " + SlackText.code(member.team())
        + " but is no live request's service user (made by hand with the old runbook?).";
  }
}
