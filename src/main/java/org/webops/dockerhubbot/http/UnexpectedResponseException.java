package org.webops.dockerhubbot.http;

/** A 2xx answer whose body could not be read as the documented JSON. */
public final class UnexpectedResponseException extends ApiException {

  public UnexpectedResponseException(
      String api, String method, String path, int status, String reason, Throwable cause) {
    super(api, method, path, status, reason, cause);
  }
}
