package org.webops.dockerhubbot.http;

/** 409 Conflict. */
public final class ConflictException extends ApiException {

  public ConflictException(String api, String method, String path, int status, String apiMessage) {
    super(api, method, path, status, apiMessage, null);
  }
}
