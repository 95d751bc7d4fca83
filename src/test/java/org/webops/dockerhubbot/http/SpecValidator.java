package org.webops.dockerhubbot.http;

import static org.junit.jupiter.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * Checks recorded requests against an official OpenAPI spec (copies in test resources
 * {@code specs/}): operation (path + method), path and query parameters, headers, security and the
 * JSON body schema. Unknown query parameters and body properties the spec does not name are
 * errors, so a request the spec does not allow fails the test.
 */
public final class SpecValidator {

  private final OpenApiInteractionValidator validator;
  private final String basePath;

  private SpecValidator(String resource, String basePath) {
    OpenApiInteractionValidator.Builder builder =
        OpenApiInteractionValidator.createForInlineApiSpecification(read(resource))
            .withLevelResolver(
                LevelResolver.create()
                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                    .withLevel(
                        "validation.request.parameter.query.unexpected",
                        ValidationReport.Level.ERROR)
                    // A response is not validated here: the request is what the client controls.
                    .withLevel("validation.response", ValidationReport.Level.IGNORE)
                    .build());
    if (basePath != null) {
      builder.withBasePathOverride(basePath);
    }
    if (resource.contains("circleci")) {
      // The validator checks operation-level security only; CircleCI declares its security once,
      // at the top level (api_key_header, basic_auth or api_key_query). Check those alternatives.
      builder.withCustomRequestValidation(
          (request, operation) ->
              request.getHeaderValue("Circle-Token").isPresent()
                      || request.getHeaderValue("Authorization").map(a -> a.startsWith("Basic ")).orElse(false)
                      || !request.getQueryParameterValues("circle-token").isEmpty()
                  ? ValidationReport.empty()
                  : ValidationReport.singleton(
                      ValidationReport.Message.create(
                              "validation.request.security.missing",
                              "no credential of the spec's top-level security (Circle-Token header)")
                          .build()));
    }
    this.validator = builder.build();
    this.basePath = basePath;
  }

  /** Docker Hub spec (server {@code https://hub.docker.com}, paths {@code /v2/...}). */
  public static SpecValidator dockerHub() {
    return new SpecValidator("/specs/dockerhub-hub-api.yaml", null);
  }

  /**
   * CircleCI spec; its server is {@code https://circleci.com/api/v2}, so the fake server is given
   * the same base path and the validator strips it.
   */
  public static SpecValidator circleCi(String basePath) {
    return new SpecValidator("/specs/circleci-api-v2.json", basePath);
  }

  public ValidationReport validate(RecordedRequest recorded) {
    HttpUrl url = recorded.getUrl();
    // The raw (still escaped) path: a slug parameter keeps its %2F as sent.
    SimpleRequest.Builder request =
        new SimpleRequest.Builder(recorded.getMethod(), url.encodedPath());
    recorded.getHeaders().names().forEach(
        name -> request.withHeader(name, recorded.getHeaders().values(name)));
    for (String name : url.queryParameterNames()) {
      request.withQueryParam(name, url.queryParameterValues(name));
    }
    if (recorded.getBody() != null && recorded.getBody().size() > 0) {
      request.withBody(recorded.getBody().string(StandardCharsets.UTF_8));
    }
    return validator.validateRequest(request.build());
  }

  /** Fails the test with the validator's messages when the request breaks the spec. */
  public void assertValid(RecordedRequest recorded) {
    ValidationReport report = validate(recorded);
    if (report.hasErrors()) {
      fail(
          "request "
              + recorded.getMethod()
              + " "
              + recorded.getUrl().encodedPath()
              + " breaks the spec:\n"
              + report.getMessages());
    }
  }

  private static String read(String resource) {
    try (InputStream in = SpecValidator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String basePath() {
    return basePath;
  }
}
