package org.webops.dockerhubbot.http;

import java.util.List;
import okhttp3.HttpUrl;

/** Builds request URLs from a base URL and a spec path template. */
public final class Urls {

  private Urls() {}

  /** A URL as it may be named in a message: without its query string or fragment. */
  public static String withoutQuery(String url) {
    int end = url.length();
    for (char c : new char[] {'?', '#'}) {
      int at = url.indexOf(c);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return url.substring(0, end);
  }

  /**
   * Appends the path template (e.g. {@code /project/{project-slug}/envvar}) to the base URL's path,
   * filling the {@code {parameters}} in order. Each parameter becomes one path segment, escaped
   * ({@code gh/org/repo} becomes {@code gh%2Forg%2Frepo}).
   */
  public static HttpUrl expand(HttpUrl base, String template, String... parameters) {
    HttpUrl.Builder builder = base.newBuilder().query(null).fragment(null);
    List<String> basePath = base.pathSegments();
    if (!basePath.isEmpty() && basePath.get(basePath.size() - 1).isEmpty()) {
      builder.removePathSegment(basePath.size() - 1);
    }
    int next = 0;
    for (String segment : template.substring(1).split("/")) {
      if (segment.startsWith("{")) {
        if (next >= parameters.length) {
          throw new IllegalArgumentException("too few parameters for " + template);
        }
        String value = parameters[next++];
        if (value == null || value.isEmpty()) {
          throw new IllegalArgumentException("empty parameter " + segment + " for " + template);
        }
        builder.addPathSegment(value);
      } else {
        builder.addPathSegment(segment);
      }
    }
    if (next != parameters.length) {
      throw new IllegalArgumentException("too many parameters for " + template);
    }
    return builder.build();
  }
}
