package org.webops.dockerhubbot.storage;

import java.util.regex.Pattern;

/**
 * URLs as they may be logged: the userinfo of {@code scheme://user:pass@host}, and password
 * parameters ({@code ?password=…}, {@code ;PASSWORD=…}), masked.
 */
public final class LoggedUrls {
  private static final Pattern USERINFO = Pattern.compile("(?<=//)[^/@?#;]*@");
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile(
      "(?i)([?&;]\\s*(?:password|pass|pwd|secret|token)\\s*=)[^&;#]*");

  private LoggedUrls() {}

  public static String mask(String url) {
    if (url == null) {
      return null;
    }
    String masked = USERINFO.matcher(url).replaceAll("***@");
    return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1***");
  }
}
