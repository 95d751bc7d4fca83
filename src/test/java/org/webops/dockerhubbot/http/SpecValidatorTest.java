package org.webops.dockerhubbot.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Proves the spec check can fail: requests the specs do not allow are rejected. */
class SpecValidatorTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = HttpClients.shared();

  private RecordedRequest send(Request request) throws IOException, InterruptedException {
    server.enqueue(Fixtures.jsonBody(200, "{}"));
    try (Response ignored = http.newCall(request).execute()) {
      return server.takeRequest();
    }
  }

  private Request.Builder authed(String path) {
    return new Request.Builder().url(server.url(path)).header("Authorization", "Bearer x");
  }

  @Test
  void dockerHub_bodyMissingRequiredField_isRejected() throws Exception {
    // given a personal access token request without token_label
    RecordedRequest recorded =
        send(authed("/v2/access-tokens").post(RequestBody.create("{\"scopes\":[\"repo:read\"]}", Json.JSON)).build());

    // when
    ValidationReport report = SpecValidator.dockerHub().validate(recorded);

    // then
    assertTrue(report.hasErrors(), report.toString());
    assertThrows(AssertionFailedError.class, () -> SpecValidator.dockerHub().assertValid(recorded));
  }

  @Test
  void dockerHub_bodyWithPropertyTheSpecDoesNotName_isRejected() throws Exception {
    // given
    RecordedRequest recorded =
        send(authed("/v2/access-tokens")
            .post(RequestBody.create("{\"token_label\":\"l\",\"scopes\":[],\"colour\":\"red\"}", Json.JSON))
            .build());

    // when / then
    assertTrue(SpecValidator.dockerHub().validate(recorded).hasErrors());
  }

  @Test
  void dockerHub_unknownPathOrMethod_isRejected() throws Exception {
    // given
    RecordedRequest unknownPath = send(authed("/v2/users/someone").get().build());
    RecordedRequest wrongMethod = send(authed("/v2/invites/bulk").get().build());

    // when / then
    assertTrue(SpecValidator.dockerHub().validate(unknownPath).hasErrors());
    assertTrue(SpecValidator.dockerHub().validate(wrongMethod).hasErrors());
  }

  @Test
  void dockerHub_missingBearerToken_isRejected() throws Exception {
    // given
    RecordedRequest recorded = send(new Request.Builder().url(server.url("/v2/access-tokens")).get().build());

    // when / then
    assertTrue(SpecValidator.dockerHub().validate(recorded).hasErrors());
  }

  @Test
  void dockerHub_validRequest_passes() throws Exception {
    // given
    RecordedRequest recorded =
        send(authed("/v2/access-tokens")
            .post(RequestBody.create("{\"token_label\":\"l\",\"scopes\":[\"repo:read\"]}", Json.JSON))
            .build());

    // when
    ValidationReport report = SpecValidator.dockerHub().validate(recorded);

    // then
    assertFalse(report.hasErrors(), report.toString());
  }

  @Test
  void circleCi_unknownQueryParameterOrNoToken_isRejected() throws Exception {
    // given
    RecordedRequest unknownQuery =
        send(new Request.Builder()
            .url(server.url("/api/v2/context?owner-slug=gh/o&colour=red"))
            .header("Circle-Token", "t")
            .build());
    RecordedRequest noToken = send(new Request.Builder().url(server.url("/api/v2/context?owner-slug=gh/o")).build());

    // when / then
    assertTrue(SpecValidator.circleCi("/api/v2").validate(unknownQuery).hasErrors());
    assertTrue(SpecValidator.circleCi("/api/v2").validate(noToken).hasErrors());
  }
}
