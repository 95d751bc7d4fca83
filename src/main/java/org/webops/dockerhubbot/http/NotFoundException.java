package org.webops.dockerhubbot.http;

/** 404 Not Found: the resource does not exist, or the credential may not see it. */
public final class NotFoundException extends ApiException {

  public NotFoundException(String api, String method, String path, int status, String apiMessage) {
    super(api, method, path, status, apiMessage, null);
  }
}
