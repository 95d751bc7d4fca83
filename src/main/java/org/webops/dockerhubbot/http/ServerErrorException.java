package org.webops.dockerhubbot.http;

/** 5xx: the API failed. */
public final class ServerErrorException extends ApiException {

  public ServerErrorException(String api, String method, String path, int status, String apiMessage) {
    super(api, method, path, status, apiMessage, null);
  }
}
