package dev.fireflyauth.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.CredentialsNotFoundException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.testing.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The env source as users meet it: discovered by ServiceLoader, fed by an isolated environment. */
class EnvCredentialSourceTest {
  private static final String SECRET = "p8e-env-secret-never-shown";

  private static FireflyAuth auth(Map<String, String> env, Map<String, String> props, String... locators) {
    Settings s = Settings.builder().environment(env).systemProperties(props).build();
    return FireflyAuth.builder().settings(s).locators(locators).build();
  }

  private static ClientCredentials credentials(Map<String, String> env) {
    try (FireflyAuth auth = auth(env, Map.of())) {
      return auth.credentials();
    }
  }

  private static String brokenMessage(Map<String, String> env, Map<String, String> props, String... locators) {
    try (FireflyAuth auth = auth(env, props, locators)) {
      CredentialSourceException e = assertThrows(CredentialSourceException.class, auth::credentials);
      assertEquals("env", e.source());
      assertFalse(e.getMessage().contains(SECRET), e.getMessage());
      return e.getMessage();
    }
  }

  @Test
  void isDiscoveredByServiceLoader() {
    try (FireflyAuth auth = FireflyAuth.builder().settings(Settings.builder().build()).build()) {
      assertTrue(auth.sourceNames().contains("env"), auth.sourceNames().toString());
    }
  }

  @Test
  void readsTheStandardVariables() {
    ClientCredentials c = credentials(Map.of(
        "FIREFLY_SERVICES_CLIENT_ID", "client-1234",
        "FIREFLY_SERVICES_CLIENT_SECRET", SECRET,
        "FIREFLY_SERVICES_SCOPES", "openid, firefly_api"));
    assertEquals("client-1234", c.clientId());
    assertEquals(List.of(Secret.of(SECRET)), c.secrets());
    assertEquals(List.of("openid", "firefly_api"), c.scopes());
    assertEquals("env FIREFLY_SERVICES_CLIENT_ID", c.origin());
  }

  @Test
  void scopesDefaultToTheDesignDefaults() {
    ClientCredentials c = credentials(Map.of("FIREFLY_SERVICES_CLIENT_ID", "id", "FIREFLY_SERVICES_CLIENT_SECRET", SECRET));
    assertEquals(List.of("openid", "AdobeID", "session", "additional_info", "read_organizations", "firefly_api",
        "ff_apis"), c.scopes());
  }

  @Test
  void systemPropertiesWinOverEnvironmentVariables() {
    try (FireflyAuth auth = auth(
        Map.of("FIREFLY_SERVICES_CLIENT_ID", "from-env", "FIREFLY_SERVICES_CLIENT_SECRET", SECRET),
        Map.of("firefly.services.client.id", "from-property"))) {
      ClientCredentials c = auth.credentials();
      assertEquals("from-property", c.clientId());
      assertEquals("env system property firefly.services.client.id", c.origin());
    }
  }

  @Test
  void absentIsSkippedWithAReason() {
    try (FireflyAuth auth = auth(Map.of(), Map.of())) {
      CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class, auth::credentials);
      TraceEntry entry = e.trace().get(0);
      assertEquals("env", entry.name());
      assertEquals(TraceEntry.Outcome.SKIPPED, entry.outcome());
      assertEquals("FIREFLY_SERVICES_CLIENT_ID / firefly.services.client.id is not set", entry.reason());
    }
  }

  @Test
  void legacyNamesWorkWithADeprecationNote() {
    try (LogCapture logs = LogCapture.start();
        FireflyAuth auth = auth(Map.of("FIREFLY_CLIENT_ID", "old-id", "FIREFLY_CLIENT_SECRET", SECRET), Map.of())) {
      assertEquals("old-id", auth.credentials().clientId());
      assertEquals("env FIREFLY_CLIENT_ID", auth.credentials().origin());
      List<String> notes = auth.explain().get(0).notes();
      assertEquals(List.of(
          "environment variable FIREFLY_CLIENT_ID is deprecated: rename it to FIREFLY_SERVICES_CLIENT_ID",
          "environment variable FIREFLY_CLIENT_SECRET is deprecated: rename it to FIREFLY_SERVICES_CLIENT_SECRET"),
          notes);
      assertTrue(logs.text().contains("FIREFLY_CLIENT_ID is deprecated"), logs.text());
      assertFalse(logs.text().contains(SECRET));
    }
  }

  @Test
  void theNewNameWinsOverTheLegacyOne() {
    ClientCredentials c = credentials(Map.of(
        "FIREFLY_SERVICES_CLIENT_ID", "new-id", "FIREFLY_CLIENT_ID", "old-id", "FIREFLY_SERVICES_CLIENT_SECRET", SECRET));
    assertEquals("new-id", c.clientId());
  }

  @Test
  void aSecretWithoutAnIdIsBroken() {
    assertEquals("environment variable FIREFLY_SERVICES_CLIENT_SECRET is set but"
        + " FIREFLY_SERVICES_CLIENT_ID / firefly.services.client.id is not: set the client ID too",
        brokenMessage(Map.of("FIREFLY_SERVICES_CLIENT_SECRET", SECRET), Map.of()));
  }

  @Test
  void anIdWithoutASecretIsBroken() {
    assertEquals("environment variable FIREFLY_SERVICES_CLIENT_ID is set but"
        + " FIREFLY_SERVICES_CLIENT_SECRET / firefly.services.client.secret is not: set the client secret, or"
        + " FIREFLY_SERVICES_ACCESS_TOKEN to use a ready-made token",
        brokenMessage(Map.of("FIREFLY_SERVICES_CLIENT_ID", "id"), Map.of()));
  }

  @Test
  void anIdWithoutASecretIsFineWhenAStaticTokenIsSet() {
    ClientCredentials c = credentials(Map.of(
        "FIREFLY_SERVICES_CLIENT_ID", "id-only", "FIREFLY_SERVICES_ACCESS_TOKEN", "ready-made-token"));
    assertEquals("id-only", c.clientId());
    assertFalse(c.hasSecret());
  }

  @Test
  void aPrefixSelectsAppSpecificNames() {
    try (FireflyAuth auth = auth(
        Map.of("MYAPP_CLIENT_ID", "app-id", "MYAPP_CLIENT_SECRET", SECRET, "MYAPP_SCOPES", "firefly_api",
            "FIREFLY_SERVICES_CLIENT_ID", "global-id"),
        Map.of(), "firefly:env?prefix=MYAPP_")) {
      ClientCredentials c = auth.credentials();
      assertEquals("app-id", c.clientId());
      assertEquals(List.of("firefly_api"), c.scopes());
      assertEquals("env MYAPP_CLIENT_ID", c.origin());
    }
  }

  @Test
  void aPrefixAlsoReadsSystemProperties() {
    try (FireflyAuth auth = auth(Map.of("MYAPP_CLIENT_SECRET", SECRET), Map.of("myapp.client.id", "prop-id"),
        "firefly:env?prefix=MYAPP_")) {
      assertEquals("prop-id", auth.credentials().clientId());
    }
  }

  @Test
  void aPrefixDoesNotFallBackToLegacyNames() {
    try (FireflyAuth auth = auth(Map.of("FIREFLY_CLIENT_ID", "old", "FIREFLY_CLIENT_SECRET", SECRET), Map.of(),
        "firefly:env?prefix=MYAPP_")) {
      CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class, auth::credentials);
      assertEquals("MYAPP_CLIENT_ID / myapp.client.id is not set", e.trace().get(0).reason());
    }
  }

  @Test
  void aBadPrefixIsBroken() {
    assertEquals("locator 'firefly:env?prefix=…': parameter 'prefix' is not a valid environment variable prefix (letters, digits and '_', not starting with a digit), e.g. MYAPP_",
        brokenMessage(Map.of(), Map.of(), "firefly:env?prefix=MY-APP"));
  }

  @Test
  void anUnknownParameterIsBroken() {
    assertEquals("locator 'firefly:env?profile=…': unknown parameter 'profile'; the env source knows: prefix",
        brokenMessage(Map.of(), Map.of(), "firefly:env?profile=x"));
  }

  @Test
  void aPathIsBroken() {
    assertEquals("locator 'firefly:env:/etc/x': the env source takes no path; use firefly:env or"
        + " firefly:env?prefix=MYAPP_", brokenMessage(Map.of(), Map.of(), "firefly:env:/etc/x"));
  }
}
