package dev.fireflyauth.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testing.LeakScan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The I/O Management API as WireMock plays it (IMS is the test kit's emulator): the wire formats the API may
 * use, the statuses it may answer, and what each means; never a secret or token in a message.
 */
class WireFormatsTest {
  private static final String PATH = "/console/organizations/1234/credentials/5678/secrets";
  private static final String NEW_SECRET = LeakScan.sensitive("p8e-wire-new-secret-value-Zz9");

  private final Emulated e = new Emulated();
  private final WireMockServer io = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private SecretsAdmin admin;

  @AfterEach
  void stop() {
    if (admin != null) {
      admin.close();
    }
    io.stop();
    e.close();
  }

  private SecretsAdmin admin() {
    io.start();
    admin = SecretsAdmin.builder()
        .settings(e.settings().put(SecretsAdmin.IO_API_URL, "http://127.0.0.1:" + io.port())
            .put(SecretsAdmin.CONSOLE_ORG_ID, "1234").put(SecretsAdmin.CREDENTIAL_ID, "5678").build())
        .credentials(e.credentials())
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .build();
    return admin;
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader("x-debug-id", "dbg-42").withBody(body);
  }

  private List<ClientSecret> listing(String body) {
    SecretsAdmin a = admin();
    io.stubFor(get(urlEqualTo(PATH)).willReturn(json(200, body)));
    return a.list();
  }

  private <T extends FireflyAuthException> T failing(Class<T> type, org.junit.jupiter.api.function.Executable call) {
    T ex = LeakScan.record(assertThrows(type, call));
    assertFalse(ex.getMessage().contains(e.secret), ex::getMessage);
    return ex;
  }

  @Test
  void theDocumentedShapeWithIsoTimesAndANeverUsedSecret() {
    List<ClientSecret> s = listing("{\"client_secrets\":[{\"uuid\":\"a-1\",\"created\":\"2026-01-02T03:04:05Z\","
        + "\"last_used\":null},{\"uuid\":\"b-2\",\"created\":\"2026-01-01T00:00:00.123+02:00\","
        + "\"last_used\":\"2026-01-03T00:00:00+0100\"}]}");
    assertEquals(List.of(
        new ClientSecret("a-1", Optional.of(Instant.parse("2026-01-02T03:04:05Z")), Optional.empty()),
        new ClientSecret("b-2", Optional.of(Instant.parse("2025-12-31T22:00:00.123Z")),
            Optional.of(Instant.parse("2026-01-02T23:00:00Z")))), s);
    io.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("x-api-key", equalTo(e.client.clientId()))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
  }

  @Test
  void aSecretsListWithEpochMillisAndUnderscoredNames() {
    List<ClientSecret> s = listing("{\"secrets\":[{\"uuid\":\"c-3\",\"created_at\":1767225600000,"
        + "\"last_used_at\":\"1767229200000\"},{\"uuid\":\"d-4\",\"created_at\":1.7672256E12}]}");
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), s.get(0).created().orElseThrow());
    assertEquals(Instant.parse("2026-01-01T01:00:00Z"), s.get(0).lastUsed().orElseThrow());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), s.get(1).created().orElseThrow());
    assertEquals(Optional.empty(), s.get(1).lastUsed(), "missing: never used");
  }

  @Test
  void aBareArrayWithZonelessTimesAndCamelCase() {
    List<ClientSecret> s = listing("[{\"uuid\":\"e-5\",\"createdAt\":\"2026-03-04T05:06:07\",\"lastUsed\":\"\","
        + "\"client_secret\":\"" + NEW_SECRET + "\"}]");
    assertEquals(List.of(new ClientSecret("e-5", Optional.of(Instant.parse("2026-03-04T05:06:07Z")),
        Optional.empty())), s);
    assertFalse(s.toString().contains(NEW_SECRET), "a value in a listing is never kept");
  }

  @Test
  void malformedListingsSayWhatIsWrongWithoutQuotingTheReply() {
    String[][] cases = {
      {"{\"client_secrets\":[{\"uuid\":\"ok\"},{\"created\":\"" + NEW_SECRET + "\"}]}",
          "entry 2 of the list has no uuid string"},
      {"{\"client_secrets\":[{\"uuid\":\"ok\",\"last_used\":\"yesterday\"}]}",
          "entry 1's last_used is not an ISO-8601 time or epoch milliseconds"},
      {"{\"client_secrets\":[{\"uuid\":\"ok\",\"created\":true}]}", "entry 1's created is neither a string nor a number"},
      {"{\"client_secrets\":[{\"uuid\":\"ok\",\"created\":-5}]}",
          "entry 1's created is a number out of the range of epoch milliseconds"},
      {"{\"client_secrets\":[\"" + NEW_SECRET + "\"]}", "entry 1 of the list is a string, not an object"},
      {"{\"client_secrets\":[{\"uuid\":\"../x\"}]}", "entry 1 of the list has a uuid that is not 1 to 64 letters"},
      {"{\"items\":[]}", "it is an object without a client_secrets or secrets list, not a list of secrets"},
      {"<html>" + NEW_SECRET + "</html>", "the body is not valid JSON: "},
      {"", "the body is empty"},
    };
    SecretsAdmin a = admin();
    for (String[] c : cases) {
      io.stubFor(get(urlEqualTo(PATH)).willReturn(json(200, c[0])));
      ConfigurationException ex = failing(ConfigurationException.class, a::list);
      assertTrue(ex.getMessage().startsWith("I/O Management API GET http://127.0.0.1:" + io.port() + PATH
          + " answered HTTP 200 with a reply that is not what the API sends: "), ex.getMessage());
      assertTrue(ex.getMessage().contains(c[1]), () -> c[1] + " in: " + ex.getMessage());
      assertTrue(ex.getMessage().endsWith("; is FIREFLY_IO_API_URL / firefly.io.api.url (setting firefly.io.api.url"
          + " (FIREFLY_IO_API_URL / firefly.io.api.url)) the I/O Management API?"), ex.getMessage());
      assertFalse(ex.getMessage().contains(NEW_SECRET));
    }
  }

  @Test
  void addAcceptsA200OrA201AndNeedsTheValue() {
    SecretsAdmin a = admin();
    io.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, "{\"uuid\":\"n-1\",\"client_secret\":\"" + NEW_SECRET
        + "\",\"created\":\"2026-01-01T00:00:00Z\"}")));
    NewClientSecret added = a.add();
    assertEquals("n-1", added.uuid());
    assertEquals(NEW_SECRET, added.secret().reveal());
    io.stubFor(post(urlEqualTo(PATH)).willReturn(json(201, "{\"uuid\":\"n-2\"}")));
    ConfigurationException ex = failing(ConfigurationException.class, a::add);
    assertTrue(ex.getMessage().contains("it has no client_secret string (its uuid is n-2)"), ex.getMessage());
    assertTrue(ex.getMessage().endsWith("; a secret may have been added all the same: check with"
        + " `firefly-auth secrets list`"), ex.getMessage());
  }

  @Test
  void a403NamesTheApiTheScopesAndTheDebugId() {
    SecretsAdmin a = admin();
    io.stubFor(any(urlEqualTo(PATH)).willReturn(json(403, "{\"error_code\":\"403003\",\"message\":\"Api Key is"
        + " invalid\"}")));
    ConfigurationException ex = failing(ConfigurationException.class, a::add);
    assertEquals("I/O Management API POST http://127.0.0.1:" + io.port() + PATH + " answered HTTP 403 (x-debug-id"
        + " dbg-42), error 403003 (\"Api Key is invalid\"): cannot add a client secret of credential 5678 (org 1234);"
        + " access denied: add the I/O Management API to the Developer Console project of client ID "
        + e.credentials().maskedClientId() + ", so that its tokens carry the scopes AdobeID,openid,"
        + "read_organizations,additional_info.projectedProductContext,additional_info.roles,adobeio_api,"
        + "read_client_secret,manage_client_secrets, and check that credential 5678 (setting firefly.credential.id"
        + " (FIREFLY_CREDENTIAL_ID / firefly.credential.id)) in org 1234 (setting firefly.console.org.id"
        + " (FIREFLY_CONSOLE_ORG_ID / firefly.console.org.id)) is that client's credential", ex.getMessage());
  }

  @Test
  void a401IsRetriedOnceWithANewTokenThenBroken() {
    SecretsAdmin a = admin();
    io.stubFor(get(urlEqualTo(PATH)).inScenario("expired").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(json(401, "{\"error_code\":\"401013\",\"message\":\"Oauth token is not valid\"}"))
        .willSetStateTo("fresh"));
    io.stubFor(get(urlEqualTo(PATH)).inScenario("expired").whenScenarioStateIs("fresh")
        .willReturn(json(200, "{\"client_secrets\":[]}")));
    assertEquals(List.of(), a.list());
    assertEquals(2, e.ims.requestCount(e.client.clientId()), "a new token for the second try");

    io.resetAll();
    io.stubFor(get(urlEqualTo(PATH)).willReturn(json(401, "{\"error_code\":\"401013\",\"message\":\"Oauth token"
        + " is not valid\"}")));
    ConfigurationException ex = failing(ConfigurationException.class, a::list);
    assertTrue(ex.getMessage().contains("answered HTTP 401 (x-debug-id dbg-42), error 401013"), ex.getMessage());
    assertTrue(ex.getMessage().endsWith("; the API did not accept a token IMS had just issued, twice: the token"
        + " endpoint (FIREFLY_IMS_URL / firefly.ims.url) and the I/O Management API (FIREFLY_IO_API_URL /"
        + " firefly.io.api.url, setting firefly.io.api.url (FIREFLY_IO_API_URL / firefly.io.api.url)) must belong"
        + " to the same Adobe environment"), ex.getMessage());
    io.verify(2, getRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void throttlingAndServerErrorsAreTransientAndAnAddMayHaveHappened() {
    SecretsAdmin a = admin();
    io.stubFor(get(urlEqualTo(PATH)).willReturn(json(429, "{\"message\":\"slow down\"}")
        .withHeader("Retry-After", "7")));
    TransientException slow = failing(TransientException.class, a::list);
    assertEquals(Optional.of(Duration.ofSeconds(7)), slow.retryAfter());
    assertTrue(slow.getMessage().contains("answered HTTP 429 (x-debug-id dbg-42) (\"slow down\")"), slow::getMessage);
    io.stubFor(post(urlEqualTo(PATH)).willReturn(json(503, "not json")));
    TransientException down = failing(TransientException.class, a::add);
    assertTrue(down.getMessage().contains("answered HTTP 503 (x-debug-id dbg-42) with a body of 8 bytes that is"
        + " not a JSON object"), down.getMessage());
    assertTrue(down.getMessage().endsWith("; the secret may have been added all the same: check with"
        + " `firefly-auth secrets list` and delete a secret nobody uses"), down.getMessage());
    io.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void aResetConnectionOrAStallIsTransientNamingTheCall() {
    SecretsAdmin a = admin();
    io.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    TransientException reset = failing(TransientException.class, a::list);
    assertTrue(reset.getMessage().startsWith("I/O Management API GET http://127.0.0.1:" + io.port() + PATH
        + " could not be reached: "), reset.getMessage());
    io.stubFor(post(urlEqualTo(PATH)).willReturn(json(201, "{}").withFixedDelay(4000)));
    TransientException stall = failing(TransientException.class, a::add);
    assertTrue(stall.getMessage().contains("could not be reached: HttpTimeoutException"), stall.getMessage());
    assertTrue(stall.getMessage().contains("the secret may have been added all the same"), stall.getMessage());
  }

  @Test
  void redirectsAreNotFollowedAndHugeBodiesNotRead() {
    SecretsAdmin a = admin();
    io.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "https://elsewhere.example/?client_secret=" + e.secret)));
    ConfigurationException moved = failing(ConfigurationException.class, a::list);
    assertTrue(moved.getMessage().contains("redirects are not followed (Location: https://elsewhere.example/"
        + "?client_secret=[redacted])"), moved.getMessage());
    io.stubFor(get(urlEqualTo(PATH)).willReturn(json(200, "[" + "{\"uuid\":\"x\"},".repeat(30_000) + "{}]")));
    ConfigurationException big = failing(ConfigurationException.class, a::list);
    assertTrue(big.getMessage().contains("the body is larger than 256 KiB (refused unread)"), big.getMessage());
  }

  @Test
  void aPeerEchoingTheSecretsAndTheTokenIsCleaned() {
    WireMockServer echo = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").globalTemplating(true));
    echo.start();
    try {
      echo.stubFor(delete(urlEqualTo(PATH + "/u-1")).willReturn(aResponse().withStatus(400)
          .withHeader("x-debug-id", "echo " + e.secret).withHeader("Content-Type", "application/json")
          .withBody("{\"error\":{\"message\":\"you sent {{request.headers.Authorization}} and " + e.secret
              + "\"}}")));
      try (SecretsAdmin echoed = SecretsAdmin.builder()
          .settings(e.settings().put(SecretsAdmin.IO_API_URL, "http://127.0.0.1:" + echo.port())
              .put(SecretsAdmin.CONSOLE_ORG_ID, "1234").put(SecretsAdmin.CREDENTIAL_ID, "5678").build())
          .credentials(e.credentials()).build()) {
        ConfigurationException ex = failing(ConfigurationException.class, () -> echoed.delete("u-1"));
        assertTrue(ex.getMessage().contains("(x-debug-id echo [redacted])"), ex.getMessage());
        assertTrue(ex.getMessage().contains("(\"you sent Bearer [redacted] and [redacted]\")"), ex.getMessage());
        for (String word : ex.getMessage().split("[^A-Za-z0-9_-]+")) {
          assertFalse(e.ims.isValidToken(word), "the token leaked: " + ex.getMessage());
        }
        assertTrue(ex.getMessage().endsWith("; check FIREFLY_IO_API_URL / firefly.io.api.url (setting"
            + " firefly.io.api.url (FIREFLY_IO_API_URL / firefly.io.api.url)) and the credential's IDs (credential"
            + " 5678 (setting firefly.credential.id (FIREFLY_CREDENTIAL_ID / firefly.credential.id)) in org 1234"
            + " (setting firefly.console.org.id (FIREFLY_CONSOLE_ORG_ID / firefly.console.org.id)))"),
            ex.getMessage());
      }
    } finally {
      echo.stop();
    }
  }
}
