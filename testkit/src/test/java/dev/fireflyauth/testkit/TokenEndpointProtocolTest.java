package dev.fireflyauth.testkit;

import static dev.fireflyauth.testkit.Http.FORM;
import static dev.fireflyauth.testkit.Http.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fireflyauth.ClientCredentials;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /ims/token/v3} as IMS answers it: the success shape and one test per refused request. */
class TokenEndpointProtocolTest {
  private static final String SECRET = "p8e-protocol-secret-never-shown";

  private final ImsEmulator ims = ImsEmulator.start();
  private final RegisteredClient client =
      ims.registerClient("client-protocol", SECRET, List.of("openid", "AdobeID", "firefly_api"));
  private final Http http = new Http();

  @AfterEach
  void close() {
    ims.close();
  }

  private HttpResponse<String> post(String... namesAndValues) {
    return http.post(ims.tokenUrl(), FORM, form(namesAndValues));
  }

  private HttpResponse<String> postWith(String name, String value) {
    List<String> fields = new ArrayList<>(List.of(
        "grant_type", "client_credentials", "client_id", client.clientId(), "client_secret", SECRET,
        "scope", "openid,firefly_api"));
    int i = fields.indexOf(name);
    if (value == null) {
      fields.subList(i, i + 2).clear();
    } else {
      fields.set(i + 1, value);
    }
    return post(fields.toArray(String[]::new));
  }

  /** Asserts an IMS-shaped error and returns its description. */
  private static String assertError(HttpResponse<String> r, int status, String error) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("x-debug-id").isPresent(), "x-debug-id");
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    JsonNode json = Http.json(r);
    assertEquals(error, json.get("error").asText(), r.body());
    assertFalse(r.body().contains(SECRET), r.body());
    return json.get("error_description").asText();
  }

  @Test
  void issuesABearerTokenInImsShape() {
    HttpResponse<String> r = http.token(ims.tokenUrl(), client);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode json = Http.json(r);
    assertEquals("bearer", json.get("token_type").asText());
    assertEquals(86399, json.get("expires_in").asLong());
    assertTrue(json.get("expires_in").isIntegralNumber());
    assertEquals(3, json.size(), r.body());
    assertEquals("no-store", r.headers().firstValue("cache-control").orElse(""));
    assertTrue(r.headers().firstValue("x-debug-id").isPresent());
  }

  @Test
  void tokensAreOpaqueRandomAndUrlSafe() {
    String a = Http.accessToken(http.token(ims.tokenUrl(), client));
    String b = Http.accessToken(http.token(ims.tokenUrl(), client));
    assertNotEquals(a, b);
    assertTrue(a.matches("[A-Za-z0-9_-]{43,}"), a); // >= 32 random bytes, base64url without padding
    assertFalse(a.contains(client.clientId()));
  }

  @Test
  void expiresInIsConfigurableInSeconds() {
    try (ImsEmulator shortLived = ImsEmulator.builder().expiresIn(Duration.ofMinutes(5)).build()) {
      RegisteredClient c = shortLived.registerClient();
      assertEquals(300, Http.json(http.token(shortLived.tokenUrl(), c)).get("expires_in").asLong());
    }
  }

  @Test
  void expiresInBelowOneSecondIsRefused() {
    ImsEmulator.Builder b = ImsEmulator.builder();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.expiresIn(Duration.ofMillis(500)));
    assertEquals("expiresIn must be at least 1 second, was PT0.5S", e.getMessage());
  }

  @Test
  void everyAnswerHasItsOwnDebugId() {
    String ok = http.token(ims.tokenUrl(), client).headers().firstValue("x-debug-id").orElseThrow();
    String error = postWith("client_secret", "wrong").headers().firstValue("x-debug-id").orElseThrow();
    String notFound =
        http.post(ims.tokenUrl().resolve("/nowhere"), FORM, "").headers().firstValue("x-debug-id").orElseThrow();
    assertEquals(3, Set.of(ok, error, notFound).size());
  }

  @Test
  void grantsASubsetOfTheAllowedScopes() {
    assertEquals(200, postWith("scope", "firefly_api").statusCode());
  }

  @Test
  void acceptsSpaceSeparatedScopesAsRfc6749Does() {
    assertEquals(200, postWith("scope", "openid firefly_api").statusCode());
  }

  @Test
  void defaultClientMayRequestTheDefaultFireflyScopes() {
    RegisteredClient c = ims.registerClient();
    assertEquals(ClientCredentials.DEFAULT_SCOPES, c.scopes());
    assertEquals(200, http.token(ims.tokenUrl(), c).statusCode());
  }

  @Test
  void wrongMethodIs405() {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(ims.tokenUrl()).GET().build());
    assertEquals("method GET is not allowed; use POST", assertError(r, 405, "invalid_request"));
    assertEquals("POST", r.headers().firstValue("allow").orElse(""));
  }

  @Test
  void wrongPathIs404() {
    HttpResponse<String> r = http.post(URI.create(ims.tokenUrl() + "/extra"), FORM, "");
    assertEquals("no such endpoint; the token endpoint is POST /ims/token/v3", assertError(r, 404, "not_found"));
  }

  @Test
  void missingContentTypeIsInvalidRequest() {
    HttpResponse<String> r = http.post(ims.tokenUrl(), null, "grant_type=client_credentials");
    assertEquals(
        "Content-Type must be application/x-www-form-urlencoded, was missing", assertError(r, 400, "invalid_request"));
  }

  @Test
  void jsonContentTypeIsInvalidRequest() {
    HttpResponse<String> r = http.post(ims.tokenUrl(), "application/json", "{}");
    assertEquals(
        "Content-Type must be application/x-www-form-urlencoded, was application/json",
        assertError(r, 400, "invalid_request"));
  }

  @Test
  void formContentTypeWithCharsetIsAccepted() {
    HttpResponse<String> r = http.post(ims.tokenUrl(), FORM + "; charset=UTF-8", form(
        "grant_type", "client_credentials", "client_id", client.clientId(), "client_secret", SECRET,
        "scope", "openid"));
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void missingGrantTypeIsInvalidRequest() {
    assertEquals("missing grant_type parameter", assertError(postWith("grant_type", null), 400, "invalid_request"));
  }

  @Test
  void otherGrantTypeIsUnsupported() {
    assertEquals(
        "grant_type must be client_credentials",
        assertError(postWith("grant_type", "authorization_code"), 400, "unsupported_grant_type"));
  }

  @Test
  void missingClientIdIsInvalidRequest() {
    assertEquals("missing client_id parameter", assertError(postWith("client_id", null), 400, "invalid_request"));
  }

  @Test
  void unknownClientIsInvalidClient() {
    assertEquals(
        "invalid client_id parameter", assertError(postWith("client_id", "nobody"), 401, "invalid_client"));
  }

  @Test
  void wrongSecretIsInvalidClient() {
    assertEquals(
        "invalid client_secret parameter", assertError(postWith("client_secret", SECRET + "x"), 401, "invalid_client"));
  }

  @Test
  void missingSecretIsInvalidClient() {
    assertEquals(
        "invalid client_secret parameter", assertError(postWith("client_secret", null), 401, "invalid_client"));
  }

  @Test
  void missingScopeIsInvalidScope() {
    assertEquals("missing scope parameter", assertError(postWith("scope", null), 400, "invalid_scope"));
  }

  @Test
  void scopeTheClientMayNotHaveIsInvalidScope() {
    assertEquals(
        "invalid scope (read_organizations)",
        assertError(postWith("scope", "openid,read_organizations"), 400, "invalid_scope"));
  }

  @Test
  void repeatedParameterIsInvalidRequest() {
    HttpResponse<String> r = http.post(ims.tokenUrl(), FORM, form(
        "grant_type", "client_credentials", "client_id", client.clientId(), "client_secret", SECRET,
        "client_secret", SECRET, "scope", "openid"));
    assertEquals("parameter client_secret is repeated", assertError(r, 400, "invalid_request"));
  }

  @Test
  void malformedUrlEncodingIsInvalidRequest() {
    HttpResponse<String> r = http.post(ims.tokenUrl(), FORM,
        "grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret=" + SECRET + "%zz");
    assertEquals("parameter client_secret is not valid URL encoding", assertError(r, 400, "invalid_request"));
  }

  @Test
  void bodyOverSixteenKibIsRefused() {
    HttpResponse<String> r = http.post(ims.tokenUrl(), FORM, "scope=" + "a".repeat(16 * 1024));
    assertEquals("request body exceeds 16384 bytes", assertError(r, 413, "invalid_request"));
  }
}
