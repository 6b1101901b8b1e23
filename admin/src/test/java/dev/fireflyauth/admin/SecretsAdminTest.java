package dev.fireflyauth.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialsRejectedException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.testing.LeakScan;
import dev.fireflyauth.testkit.ConsoleSecret;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SecretsAdmin} against the test kit's I/O Management API: list, add, delete and what goes wrong. */
class SecretsAdminTest {
  private final Emulated e = new Emulated();

  @AfterEach
  void close() {
    e.close();
  }

  private static <T extends Throwable> T recorded(T t) {
    return LeakScan.record(t);
  }

  @Test
  void theEmulatorAsksForTheScopesAdobesGuideGives() {
    // The test kit cannot depend on this module, so it keeps its own copy of the list: the two must agree.
    assertEquals(SecretsAdmin.SCOPES, dev.fireflyauth.testkit.ImsEmulator.IO_MANAGEMENT_API_SCOPES);
  }

  @Test
  void listShowsTheSecretWithItsTimesAndTheExchangeThatGotTheToken() {
    try (SecretsAdmin admin = e.admin(e.settings().build())) {
      List<ClientSecret> secrets = admin.list();
      assertEquals(1, secrets.size());
      ClientSecret only = secrets.get(0);
      assertEquals(e.ims.secretUuid(e.client.clientId(), e.secret).orElseThrow(), only.uuid());
      assertEquals(Optional.of(e.time.now()), only.created());
      assertEquals(Optional.of(e.time.now()), only.lastUsed(), "the admin token was exchanged with it");
      assertEquals(1, e.ims.requestCount(e.client.clientId()), "one exchange");
      assertEquals(1, e.ims.ioApiRequestCount());
      assertEquals(Secret.of(e.secret), admin.secretInUse());
      LeakScan.record(admin);
      LeakScan.record(secrets);
    }
  }

  @Test
  void addReturnsTheValueOnceAndTheEmulatorAcceptsIt() {
    try (SecretsAdmin admin = e.admin(e.settings().build())) {
      e.time.advance(Duration.ofMinutes(1));
      NewClientSecret added = admin.add();
      String value = Emulated.sensitive(added);
      assertEquals(Optional.of(added.uuid()), e.ims.secretUuid(e.client.clientId(), value));
      assertEquals("NewClientSecret[uuid=" + added.uuid() + ", secret=Secret[redacted]]", added.toString());
      List<ClientSecret> listed = admin.list();
      assertEquals(2, listed.size());
      assertEquals(added.uuid(), listed.get(0).uuid(), "newest first");
      assertEquals(Optional.empty(), listed.get(0).lastUsed(), "never used");
      assertEquals(Optional.of(e.time.now()), listed.get(0).created());
      LeakScan.record(listed);
    }
  }

  @Test
  void deleteRetiresASecret() {
    try (SecretsAdmin admin = e.admin(e.settings().build())) {
      NewClientSecret added = admin.add();
      Emulated.sensitive(added);
      admin.delete(added.uuid());
      assertEquals(List.of(e.ims.secretUuid(e.client.clientId(), e.secret).orElseThrow()),
          admin.list().stream().map(ClientSecret::uuid).toList());
      assertEquals(Optional.empty(), e.ims.secretUuid(e.client.clientId(), added.secret().reveal()));
    }
  }

  @Test
  void aThirdSecretIsRefusedSayingToDeleteOneFirst() {
    try (SecretsAdmin admin = e.admin(e.settings().build())) {
      Emulated.sensitive(admin.add());
      ConfigurationException third = recorded(assertThrows(ConfigurationException.class, admin::add));
      assertTrue(third.getMessage().startsWith("I/O Management API POST " + admin.secretsUrl()
          + " answered HTTP 400 (x-debug-id "), third.getMessage());
      assertTrue(third.getMessage().contains("error max_client_secrets"), third.getMessage());
      assertTrue(third.getMessage().contains("a credential has at most 2 client secrets: delete one first"),
          third.getMessage());
      assertEquals(FireflyAuthException.Kind.BROKEN, third.kind());
      assertEquals(2, e.ims.secrets(e.client.clientId()).size());
    }
  }

  @Test
  void aCredentialNotAllowedTheScopesIsToldToAddTheIoManagementApi() {
    try (Emulated narrow = new Emulated(ClientCredentials.DEFAULT_SCOPES);
        SecretsAdmin admin = narrow.admin(narrow.settings().build())) {
      ConfigurationException ex = recorded(assertThrows(ConfigurationException.class, admin::list));
      assertTrue(ex.getMessage().startsWith("IMS issued no token for the I/O Management API: IMS token endpoint "),
          ex.getMessage());
      assertTrue(ex.getMessage().contains("invalid_scope"), ex.getMessage());
      assertTrue(ex.getMessage().endsWith("The credential must be allowed the scopes AdobeID,openid,"
          + "read_organizations,additional_info.projectedProductContext,additional_info.roles,adobeio_api,"
          + "read_client_secret,manage_client_secrets: add the I/O Management API to its project in Adobe"
          + " Developer Console"), ex.getMessage());
      assertEquals(0, narrow.ims.ioApiRequestCount(), "no call without a token");
    }
  }

  @Test
  void anUnknownCredentialIdIsA404NamingTheSettings() {
    try (SecretsAdmin admin = e.admin(e.settings().put(SecretsAdmin.CREDENTIAL_ID, "1").build())) {
      ConfigurationException ex = recorded(assertThrows(ConfigurationException.class, admin::list));
      assertTrue(ex.getMessage().contains("answered HTTP 404"), ex.getMessage());
      assertTrue(ex.getMessage().endsWith("; no such credential: check credential 1 (setting firefly.credential.id"
          + " (FIREFLY_CREDENTIAL_ID / firefly.credential.id)) in org " + e.client.orgId() + " (setting"
          + " firefly.console.org.id (FIREFLY_CONSOLE_ORG_ID / firefly.console.org.id))"), ex.getMessage());
    }
  }

  @Test
  void deletingAnUnknownOrMalformedUuid() {
    try (SecretsAdmin admin = e.admin(e.settings().build())) {
      ConfigurationException unknown = recorded(assertThrows(ConfigurationException.class,
          () -> admin.delete("0000-no-such")));
      assertTrue(unknown.getMessage().endsWith("cannot delete client secret 0000-no-such of credential "
          + e.client.credentialId() + " (org " + e.client.orgId() + "); the credential has no client secret"
          + " 0000-no-such (list them with `firefly-auth secrets list`)"), unknown.getMessage());
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> admin.delete("../x"));
      assertEquals("a client secret's uuid is 1 to 64 letters, digits and '-'", bad.getMessage());
      String only = admin.list().get(0).uuid();
      ConfigurationException last = recorded(assertThrows(ConfigurationException.class, () -> admin.delete(only)));
      assertTrue(last.getMessage().contains("HTTP 400"), last.getMessage());
      assertTrue(last.getMessage().contains("a credential must keep one client secret"), last.getMessage());
    }
  }

  @Test
  void theSecretInUseIsTheFirstThatImsAccepts() {
    String retired = LeakScan.sensitive("p8e-admin-retired-secret-value");
    ClientCredentials two = e.credentials().toBuilder()
        .secrets(List.of(Secret.of(retired), Secret.of(e.secret))).build();
    try (SecretsAdmin admin = SecretsAdmin.builder().settings(e.settings().build()).credentials(two).build()) {
      assertEquals(Secret.of(e.secret), admin.secretInUse());
      assertEquals(2, e.ims.requestCount(e.client.clientId()), "one POST per secret");
      assertEquals(1, admin.list().size());
    }
  }

  @Test
  void whenImsRejectsEverySecretTheCredentialsAreRejected() {
    ClientCredentials wrong = e.credentials().toBuilder()
        .secrets(List.of(Secret.of(LeakScan.sensitive("p8e-admin-wrong-secret-1")))).build();
    try (SecretsAdmin admin = SecretsAdmin.builder().settings(e.settings().build()).credentials(wrong).build()) {
      CredentialsRejectedException ex = recorded(assertThrows(CredentialsRejectedException.class, admin::list));
      assertTrue(ex.getMessage().startsWith("IMS rejected every client secret of client ID "
          + e.credentials().maskedClientId() + " from test (1) when asked for a token for the I/O Management API: "),
          ex.getMessage());
      assertEquals(0, e.ims.ioApiRequestCount());
    }
  }

  @Test
  void credentialsWithoutASecretCannotGetAToken() {
    ClientCredentials none = ClientCredentials.builder().clientId(e.client.clientId()).origin("env X").build();
    try (SecretsAdmin admin = SecretsAdmin.builder().settings(e.settings().build()).credentials(none).build()) {
      ConfigurationException ex = recorded(assertThrows(ConfigurationException.class, admin::list));
      assertEquals("credentials from env X have no client secret, so no token for the I/O Management API can be"
          + " requested: set FIREFLY_SERVICES_CLIENT_SECRET / firefly.services.client.secret", ex.getMessage());
    }
  }

  @Test
  void closedAdminRefusesCalls() {
    SecretsAdmin admin = e.admin(e.settings().build());
    admin.list();
    admin.close();
    admin.close();
    IllegalStateException ex = assertThrows(IllegalStateException.class, admin::list);
    assertEquals("this SecretsAdmin is closed", ex.getMessage());
  }

  @Test
  void toStringNamesTheCredentialNotTheSecret() {
    try (SecretsAdmin admin = e.admin(e.settings().build())) {
      String shown = admin.toString();
      assertEquals("SecretsAdmin{credential " + e.client.credentialId() + " (org " + e.client.orgId() + ") at "
          + e.ims.ioApiUrl().toString().replaceAll("/$", "") + ", client ID " + e.credentials().maskedClientId()
          + "}", shown);
      assertFalse(shown.contains(e.client.clientId()));
      List<ConsoleSecret> unchanged = e.ims.secrets(e.client.clientId());
      assertEquals(1, unchanged.size(), "building makes no call");
      assertEquals(0, e.ims.requestCount());
    }
  }
}
