package org.webops.dockerhubbot.http;

/** 401 Unauthorized: the credential was refused or the login token expired. */
public final class UnauthorizedException extends ApiException {

  public UnauthorizedException(String api, String method, String path, int status, String apiMessage) {
    super(api, method, path, status, apiMessage, null);
  }
}
