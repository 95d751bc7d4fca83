package org.webops.dockerhubbot.http;

import okhttp3.Headers;

/** An HTTP answer, read in full. */
public record ApiResponse(int status, Headers headers, String body) {

  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  @Override
  public String toString() {
    return "ApiResponse[status=" + status + ", body=" + body.length() + " chars]";
  }
}
