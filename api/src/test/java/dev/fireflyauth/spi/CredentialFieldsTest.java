package dev.fireflyauth.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialFieldsTest {
  private static final String WHERE = "file /x.json [profile default]";

  private static ClientCredentials map(Map<String, ?> fields) {
    return CredentialFields.standard().toCredentials(fields, "file", WHERE, "file /x.json");
  }

  private static String error(Map<String, ?> fields) {
    CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> map(fields));
    assertEquals("file", e.source());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void standardFields() {
    ClientCredentials c = map(Map.of(
        "client_id", "id-1", "client_secret", "s3cret-1", "scopes", "openid,firefly_api", "org_id", "O@AdobeOrg"));
    assertEquals("id-1", c.clientId());
    assertEquals(List.of(Secret.of("s3cret-1")), c.secrets());
    assertEquals(List.of("openid", "firefly_api"), c.scopes());
    assertEquals("O@AdobeOrg", c.orgId().orElseThrow());
    assertEquals("file /x.json", c.origin());
  }

  @Test
  void secretListNewestFirstAndScopeList() {
    ClientCredentials c = map(Map.of(
        "client_id", "id-1", "client_secrets", List.of("s3cret-new", "s3cret-old"), "scopes", List.of("a", "b")));
    assertEquals(List.of(Secret.of("s3cret-new"), Secret.of("s3cret-old")), c.secrets());
    assertEquals(List.of("a", "b"), c.scopes());
  }

  @Test
  void fireflyServicesNames() {
    ClientCredentials c = map(Map.of(
        "FIREFLY_SERVICES_CLIENT_ID", "id-2", "FIREFLY_SERVICES_CLIENT_SECRET", "s3cret-2",
        "FIREFLY_SERVICES_SCOPES", "x"));
    assertEquals("id-2", c.clientId());
    assertEquals(List.of("x"), c.scopes());
  }

  @Test
  void customKeyNames() {
    ClientCredentials c = CredentialFields.withKeys("apiKey", "apiSecret")
        .toCredentials(Map.of("apiKey", "id-3", "apiSecret", "s3cret-3"), "aws-secrets", "w", "o");
    assertEquals("id-3", c.clientId());
    CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> CredentialFields
        .withKeys("apiKey", "apiSecret").toCredentials(Map.of("apiSecret", "s3cret-3"), "aws-secrets", "w", "o"));
    assertEquals("w: missing 'apiKey' (the client ID; also read as 'FIREFLY_SERVICES_CLIENT_ID')", e.getMessage());
  }

  @Test
  void missingClientId() {
    assertEquals(WHERE + ": missing 'client_id' (the client ID; also read as 'FIREFLY_SERVICES_CLIENT_ID')", error(Map.of("client_secret", "s3cret")));
  }

  @Test
  void missingSecret() {
    assertEquals(WHERE + ": missing 'client_secret' or 'client_secrets' (the client secret; also read as 'FIREFLY_SERVICES_CLIENT_SECRET')",
        error(Map.of("client_id", "id")));
  }

  @Test
  void emptySecretList() {
    assertEquals(WHERE + ": 'client_secrets' is empty", error(Map.of("client_id", "id", "client_secrets", List.of())));
  }

  @Test
  void wrongTypes() {
    assertEquals(WHERE + ": 'client_id' must be a string, found a number",
        error(Map.of("client_id", 42, "client_secret", "s3cret")));
    assertEquals(WHERE + ": 'client_secrets' must be a list of strings, newest first, found a string",
        error(Map.of("client_id", "id", "client_secrets", "s3cret")));
    assertEquals(WHERE + ": 'client_secrets' must hold only strings, found a number",
        error(Map.of("client_id", "id", "client_secrets", List.of(1))));
    assertEquals(WHERE + ": 'scopes' must be a comma-separated string or a list of strings, found an object",
        error(Map.of("client_id", "id", "client_secret", "s3cret", "scopes", Map.of())));
  }

  @Test
  void nullValuesCountAsMissing() {
    Map<String, Object> m = new HashMap<>();
    m.put("client_id", null);
    m.put("client_secret", "s3cret");
    assertEquals(WHERE + ": missing 'client_id' (the client ID; also read as 'FIREFLY_SERVICES_CLIENT_ID')", error(m));
  }
}
