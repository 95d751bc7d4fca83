package org.webops.dockerhubbot.circleci;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A project environment variable as CircleCI returns it: the value is masked ({@code xxxx} and the
 * last four characters), so a written value can only be checked by {@link #endsLike}.
 */
public record ProjectEnvVar(
    @JsonProperty("name") String name, @JsonProperty("value") String maskedValue) {

  /** Whether the masked value ends with the last four characters of {@code value}. */
  public boolean endsLike(String value) {
    return value != null
        && value.length() >= 4
        && maskedValue != null
        && maskedValue.endsWith(value.substring(value.length() - 4));
  }
}
