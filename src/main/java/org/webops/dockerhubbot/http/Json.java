package org.webops.dockerhubbot.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/** The JSON settings shared by the API clients. */
public final class Json {

  public static final MediaType JSON = MediaType.get("application/json");

  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Json() {}

  /** A JSON request body; null fields are left out. */
  public static RequestBody body(Object value) {
    try {
      return RequestBody.create(MAPPER.writeValueAsBytes(value), JSON);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** Parses a JSON text to a tree; throws JsonProcessingException on bad JSON. */
  public static JsonNode tree(String text) throws JsonProcessingException {
    return MAPPER.readTree(text == null || text.isBlank() ? "null" : text);
  }
}
