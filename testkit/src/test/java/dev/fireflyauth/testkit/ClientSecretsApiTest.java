package dev.fireflyauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fireflyauth.testing.LeakScan;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's I/O Management API: listing, adding and deleting a credential's client secrets over real
 * HTTP, the last-used times the token endpoint keeps, and who may call it (token, scope, x-api-key).
 */
class ClientSecretsApiTest {
  private static final String SECRET = LeakScan.sensitive("p8e-console-api-first-secret");
  private static final List<String> SCOPES = scopes("firefly_api");

  private final FakeTimeSource time = new FakeTimeSource();
  private final ImsEmulator ims = ImsEmulator.builder().timeSource(time).expiresIn(Duration.ofHours(1)).build();
  private final RegisteredClient client = ims.registerClient("client-console", SECRET, SCOPES);
  private final Http http = new Http();

  @AfterEach
  void close() {
    ims.close();
  }

  private static List<String> scopes(String... more) {
    List<String> all = new ArrayList<>(ImsEmulator.IO_MANAGEMENT_API_SCOPES);
    all.addAll(List.of(more));
    return all;
  }

  private String token(RegisteredClient c) {
    HttpResponse<String> r = http.token(ims.tokenUrl(), c);
    assertEquals(200, r.statusCode(), r::body);
    return Http.accessToken(r);
  }

  private URI secretsUrl(RegisteredClient c) {
    return ims.ioApiUrl().resolve("/console/organizations/" + c.orgId() + "/credentials/" + c.credentialId()
        + "/secrets");
  }

  private HttpResponse<String> call(String method, URI url, String token, String apiKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (apiKey != null) {
      b.header("x-api-key", apiKey);
    }
    HttpResponse<String> r = http.send(b.build());
    assertTrue(r.headers().firstValue("x-debug-id").isPresent(), "every answer has an x-debug-id");
    return r;
  }

  private HttpResponse<String> call(String method, URI url) {
    return call(method, url, token(client), client.clientId());
  }

  @Test
  void listShowsEachLiveSecretWithCreatedAndLastUsedButNoValue() {
    Instant registered = time.now();
    String token = token(client);
    HttpResponse<String> r = call("GET", secretsUrl(client), token, client.clientId());
    assertEquals(200, r.statusCode(), r::body);
    JsonNode secrets = Http.json(r).get("client_secrets");
    assertEquals(1, secrets.size(), r::body);
    JsonNode only = secrets.get(0);
    assertEquals(ims.secretUuid(client.clientId(), SECRET).orElseThrow(), only.get("uuid").asText());
    assertEquals(registered, Instant.parse(only.get("created").asText()));
    assertEquals(registered, Instant.parse(only.get("last_used").asText()), "the exchange above used it");
    assertFalse(r.body().contains(SECRET), r::body);
    assertEquals(List.of("uuid", "created", "last_used"), fieldNames(only));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aNewSecretIsListedAsNeverUsedUntilATokenIsIssuedForIt() {
    time.advance(Duration.ofMinutes(5));
    HttpResponse<String> added = call("POST", secretsUrl(client));
    assertEquals(201, added.statusCode(), "added");
    JsonNode body = Http.json(added);
    String uuid = body.get("uuid").asText();
    String value = LeakScan.sensitive(body.get("client_secret").asText());
    assertNotEquals(SECRET, value);
    assertEquals(List.of("uuid", "client_secret"), fieldNames(body));

    List<ConsoleSecret> listed = ims.secrets(client.clientId());
    assertEquals(2, listed.size());
    assertEquals(uuid, listed.get(0).uuid(), "newest first");
    assertEquals(Optional.empty(), listed.get(0).lastUsed());
    assertEquals(time.now(), listed.get(0).created());
    JsonNode newest = Http.json(call("GET", secretsUrl(client))).get("client_secrets").get(0);
    assertTrue(newest.get("last_used").isNull(), "never used yet");

    time.advance(Duration.ofMinutes(1));
    RegisteredClient withNew = new RegisteredClient(client.clientId(), value, SCOPES);
    token(withNew);
    assertEquals(Optional.of(time.now()), ims.secrets(client.clientId()).get(0).lastUsed());
    assertEquals(Optional.of(uuid), ims.secretUuid(client.clientId(), value));
  }

  @Test
  void aThirdSecretIsRefusedInImsErrorShape() {
    assertEquals(201, call("POST", secretsUrl(client)).statusCode());
    HttpResponse<String> third = call("POST", secretsUrl(client));
    assertEquals(400, third.statusCode(), third::body);
    JsonNode error = Http.json(third);
    assertEquals("max_client_secrets", error.get("error").asText());
    assertTrue(error.get("error_description").asText().contains("delete one first"), third::body);
    assertEquals(2, ims.secrets(client.clientId()).size());
  }

  @Test
  void deleteRetiresTheSecretAtTheTokenEndpoint() {
    String value = LeakScan.sensitive(Http.json(call("POST", secretsUrl(client))).get("client_secret").asText());
    String oldUuid = ims.secretUuid(client.clientId(), SECRET).orElseThrow();
    HttpResponse<String> deleted = call("DELETE", URI.create(secretsUrl(client) + "/" + oldUuid));
    assertEquals(204, deleted.statusCode(), deleted::body);
    assertEquals("", deleted.body());
    assertEquals(401, http.token(ims.tokenUrl(), client).statusCode(), "the deleted secret no longer works");
    assertEquals(200, http.token(ims.tokenUrl(), new RegisteredClient(client.clientId(), value, SCOPES)).statusCode());
    assertEquals(Optional.empty(), ims.secretUuid(client.clientId(), SECRET));
    assertEquals(1, ims.secrets(client.clientId()).size());
  }

  @Test
  void deletingAnUnknownSecretIs404AndTheOnlySecretIsKept() {
    String token = token(client);
    HttpResponse<String> unknown = call("DELETE", URI.create(secretsUrl(client) + "/no-such-uuid"), token,
        client.clientId());
    assertEquals(404, unknown.statusCode());
    assertEquals("404020", Http.json(unknown).get("error_code").asText());
    String only = ims.secretUuid(client.clientId(), SECRET).orElseThrow();
    HttpResponse<String> last = call("DELETE", URI.create(secretsUrl(client) + "/" + only), token, client.clientId());
    assertEquals(400, last.statusCode(), last::body);
    assertEquals("last_client_secret", Http.json(last).get("error").asText());
    assertEquals(200, http.token(ims.tokenUrl(), client).statusCode());
  }

  @Test
  void withoutAValidTokenEveryCallIs401() {
    for (String token : new String[] {null, "made-up-token"}) {
      HttpResponse<String> r = call("GET", secretsUrl(client), token, client.clientId());
      assertEquals(401, r.statusCode(), r::body);
      assertEquals("401013", Http.json(r).get("error_code").asText());
    }
    String token = token(client);
    time.advance(Duration.ofHours(1));
    assertEquals(401, call("POST", secretsUrl(client), token, client.clientId()).statusCode(), "expired");
    assertEquals(1, ims.secrets(client.clientId()).size(), "nothing was added");
  }

  @Test
  void aTokenWithoutManageClientSecretsIs403() {
    RegisteredClient narrow = new RegisteredClient(client.clientId(), SECRET, List.of("openid", "firefly_api"));
    HttpResponse<String> r = call("POST", secretsUrl(client), token(narrow), client.clientId());
    assertEquals(403, r.statusCode(), r::body);
    assertTrue(Http.json(r).get("message").asText().contains("manage_client_secrets"), r::body);
    assertEquals(1, ims.secrets(client.clientId()).size());
  }

  @Test
  void theApiKeyMustBeTheTokensClientAndTheCredentialItsOwn() {
    RegisteredClient other = ims.registerClient("client-other", LeakScan.sensitive("p8e-console-api-other"), SCOPES);
    String token = token(client);
    HttpResponse<String> wrongKey = call("GET", secretsUrl(client), token, other.clientId());
    assertEquals(403, wrongKey.statusCode());
    assertEquals("403003", Http.json(wrongKey).get("error_code").asText());
    assertEquals(403, call("GET", secretsUrl(client), token, null).statusCode(), "no x-api-key");
    HttpResponse<String> foreign = call("POST", secretsUrl(other), token, client.clientId());
    assertEquals(403, foreign.statusCode(), foreign::body);
    assertEquals(1, ims.secrets(other.clientId()).size());
    URI unknown = ims.ioApiUrl().resolve("/console/organizations/" + client.orgId() + "/credentials/1/secrets");
    assertEquals(404, call("GET", unknown, token, client.clientId()).statusCode());
  }

  @Test
  void wrongMethodsAndPathsAreRefused() {
    String token = token(client);
    HttpResponse<String> put = call("PUT", secretsUrl(client), token, client.clientId());
    assertEquals(405, put.statusCode());
    assertEquals(Optional.of("GET, POST"), put.headers().firstValue("Allow"));
    assertEquals(405, call("DELETE", secretsUrl(client), token, client.clientId()).statusCode());
    assertEquals(404, call("GET", ims.ioApiUrl().resolve("/console/organizations"), token, client.clientId())
        .statusCode());
    assertEquals(3, ims.ioApiRequestCount(), "the token request is not counted");
  }

  @Test
  void clientsGetConsoleIdsAndTheApiSharesThePortOfTheTokenEndpoint() {
    assertTrue(client.orgId().matches("[1-9][0-9]{5}"), client.orgId());
    assertEquals(ims.consoleOrgId(), client.orgId());
    assertTrue(client.credentialId().matches("[1-9][0-9]{8}"), client.credentialId());
    assertEquals(URI.create("http://127.0.0.1:" + ims.address().getPort() + "/"), ims.ioApiUrl());
    RegisteredClient fixed = ims.registerClient("client-fixed", LeakScan.sensitive("p8e-console-api-fixed"),
        SCOPES, "424242", "987654");
    assertEquals("424242", fixed.orgId());
    assertEquals(200, call("GET", secretsUrl(fixed), token(fixed), fixed.clientId()).statusCode());
    RegisteredClient rotated = ims.rotateSecret(fixed.clientId(), true);
    assertEquals("987654", rotated.credentialId(), "rotation keeps the credential");
    assertEquals(2, ims.secrets(fixed.clientId()).size());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> ims.registerClient("client-again", "p8e-x", SCOPES, "424242", "987654"));
    assertEquals("credential ID 987654 is already registered in org 424242", twice.getMessage());
    IllegalArgumentException badId = assertThrows(IllegalArgumentException.class,
        () -> ims.registerClient("client-bad", "p8e-x", SCOPES, "42/../1", "1"));
    assertEquals("orgId must be 1 to 64 letters, digits, '.', '_' or '-'", badId.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ims.secrets("nobody"));
    assertEquals("client ID nobody is not registered", unknown.getMessage());
  }

  @Test
  void anActionRunsAfterEachAddBeforeTheAnswer() {
    List<String> seen = new ArrayList<>();
    ims.onSecretAdded(s -> {
      seen.add(s.uuid() + " " + s.lastUsed().isPresent() + " " + ims.secrets(client.clientId()).size());
      time.advance(Duration.ofSeconds(1));
    });
    HttpResponse<String> added = call("POST", secretsUrl(client));
    assertEquals(201, added.statusCode());
    assertEquals(List.of(Http.json(added).get("uuid").asText() + " false 2"), seen, "after the add");
    LeakScan.sensitive(Http.json(added).get("client_secret").asText());

    ims.onSecretAdded(s -> {
      throw new IllegalStateException("test action broke");
    });
    String token = token(client);
    String uuid = ims.secretUuid(client.clientId(), SECRET).orElseThrow();
    assertEquals(204, call("DELETE", URI.create(secretsUrl(client) + "/" + uuid), token, client.clientId())
        .statusCode());
    HttpResponse<String> failed = call("POST", secretsUrl(client), token, client.clientId());
    assertEquals(500, failed.statusCode(), failed::body);
    assertTrue(Http.json(failed).get("message").asText().contains("onSecretAdded action failed"), failed::body);
    assertEquals(2, ims.secrets(client.clientId()).size(), "the secret stays added");
  }
}
