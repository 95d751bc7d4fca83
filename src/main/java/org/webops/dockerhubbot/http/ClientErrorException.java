package org.webops.dockerhubbot.http;

/** Another 4xx answer (400, 405, 422, ...): the request was refused as it was. */
public final class ClientErrorException extends ApiException {

  public ClientErrorException(String api, String method, String path, int status, String apiMessage) {
    super(api, method, path, status, apiMessage, null);
  }
}
