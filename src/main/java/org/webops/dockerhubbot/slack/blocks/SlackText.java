package org.webops.dockerhubbot.slack.blocks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.webops.dockerhubbot.text.Prose;

/** Small mrkdwn helpers shared by the builders. */
public final class SlackText {
  private static final DateTimeFormatter FALLBACK_TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter FALLBACK_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** The most characters a section's text may have. */
  public static final int SECTION_MAX = 3000;

  private SlackText() {}

  /** The text cut to {@code max} characters, with an ellipsis when cut. */
  public static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  public static String user(String userId) {
    return "<@" + userId + ">";
  }

  public static String channel(String channelId) {
    return "<#" + channelId + ">";
  }

  /** A time that each reader's Slack shows in their own time zone, with a UTC fallback. */
  public static String time(Instant at) {
    return "<!date^" + at.getEpochSecond() + "^{time}|" + FALLBACK_TIME.format(at) + ">";
  }

  /** A date that each reader's Slack shows in their own words, with an ISO fallback. */
  public static String date(Instant at) {
    return "<!date^" + at.getEpochSecond() + "^{date_short_pretty}|"
        + java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.format(at.atZone(ZoneOffset.UTC))
        + ">";
  }

  /** A date and time that each reader's Slack shows in their own words, with a UTC fallback. */
  public static String dateTime(Instant at) {
    return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|"
        + FALLBACK_DATE_TIME.format(at) + ">";
  }

  /**
   * Lines joined into as few texts as possible, each at most {@code max} characters; a line
   * longer than that is shortened.
   */
  public static java.util.List<String> packed(java.util.List<String> lines, int max) {
    java.util.List<String> texts = new java.util.ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      String fitting = shorten(line, max);
      if (text.length() > 0 && text.length() + 1 + fitting.length() > max) {
        texts.add(text.toString());
        text.setLength(0);
      }
      text.append(text.length() > 0 ? "\n" : "").append(fitting);
    }
    if (text.length() > 0) {
      texts.add(text.toString());
    }
    return texts;
  }

  /** Escapes the three characters mrkdwn treats as control characters. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  public static String code(String text) {
    return "`" + escape(text).replace("`", "'") + "`";
  }

  /** Prose as mrkdwn: plain words escaped, code in backticks, strong in asterisks. */
  public static String of(Prose prose) {
    StringBuilder text = new StringBuilder();
    for (Prose.Part part : prose.parts()) {
      if (part instanceof Prose.Code code) {
        text.append(code(code.text()));
      } else if (part instanceof Prose.Strong strong) {
        text.append('*').append(of(strong.words())).append('*');
      } else if (part instanceof Prose.Person person) {
        text.append(user(person.id()));
      } else {
        text.append(escape(part.text()));
      }
    }
    return text.toString();
  }

  /** A block quote, line by line. */
  public static String quote(String text) {
    return ">" + escape(text).replace("\n", "\n>");
  }
}
