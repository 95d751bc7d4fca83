package org.webops.dockerhubbot.http;

/**
 * A call to an external API that did not succeed. Carries the API's name, the HTTP method, the
 * URL path (never the query string), the status and the API's own message. It never carries the
 * request body, headers or any credential.
 */
public abstract class ApiException extends RuntimeException {

  private final String api;
  private final String method;
  private final String path;
  private final int status;
  private final String apiMessage;

  protected ApiException(
      String api, String method, String path, int status, String apiMessage, Throwable cause) {
    super(describe(api, method, path, status, apiMessage), cause);
    this.api = api;
    this.method = method;
    this.path = path;
    this.status = status;
    this.apiMessage = apiMessage;
  }

  private static String describe(
      String api, String method, String path, int status, String apiMessage) {
    String what = api + " " + method + " " + path;
    String result = status > 0 ? what + " answered " + status : what + " failed";
    return apiMessage == null || apiMessage.isBlank() ? result : result + ": " + apiMessage;
  }

  /** Name of the API, e.g. "Docker Hub". */
  public String api() {
    return api;
  }

  public String method() {
    return method;
  }

  /** Encoded URL path of the request, without query string. */
  public String path() {
    return path;
  }

  /** HTTP status, or 0 when no answer came (I/O failure). */
  public int status() {
    return status;
  }

  /** The API's own message, possibly null. */
  public String apiMessage() {
    return apiMessage;
  }
}
