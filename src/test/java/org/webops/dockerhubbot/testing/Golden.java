package org.webops.dockerhubbot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares what a Block Kit builder makes with a golden JSON file kept in test resources beside
 * the test's package. {@code -Dgolden.update=true} rewrites the files; review the diff.
 */
public final class Golden {
  private static final Gson SLACK_JSON = GsonFactory.createSnakeCase();
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Golden() {}

  public static void assertMatches(Class<?> testClass, String name, Object built) throws IOException {
    JsonNode actual = JSON.readTree(SLACK_JSON.toJson(built));
    Path file = Path.of("src/test/resources", testClass.getPackageName().replace('.', '/'), name + ".json");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
    }
    assertThat(file).as("golden file %s (run once with -Dgolden.update=true to create it)", file).exists();
    JsonNode expected = JSON.readTree(Files.readString(file));
    assertThat(JSON.writeValueAsString(actual)).isEqualTo(JSON.writeValueAsString(expected));
  }
}
