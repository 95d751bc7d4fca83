package org.webops.dockerhubbot.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/** JSON fixtures kept beside a test's package in test resources. */
public final class Fixtures {

  private Fixtures() {}

  /** The text of resource {@code name} in the package of {@code owner}. */
  public static String text(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing fixture " + owner.getPackageName().replace('.', '/') + "/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON answer with the fixture as body. */
  public static MockResponse json(Class<?> owner, int code, String name) {
    return jsonBody(code, text(owner, name));
  }

  public static MockResponse jsonBody(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  public static MockResponse empty(int code) {
    return new MockResponse.Builder().code(code).build();
  }
}
