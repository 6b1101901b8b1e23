package dev.fireflyauth.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.StrictJson;
import dev.fireflyauth.testing.LeakScan;
import dev.fireflyauth.testkit.ConsoleSecret;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SecretRotation} end to end against the emulator, on each file write-back target: the new secret lands
 * first, the old one stays second, a fresh FireflyAuth exchanges with the new one; retiring the old secret only
 * when nothing used it since; and the failure after the add that leaves the file unchanged.
 */
class RotationTest {
  private final Emulated e = new Emulated();
  @TempDir Path dir;

  @AfterEach
  void close() {
    e.close();
  }

  /** Each step, as a tool would show it (the leak scan checks the lines). */
  private static final class Steps implements SecretRotation.Listener {
    final List<String> seen = new ArrayList<>();
    Runnable afterAdd = () -> {};
    Runnable afterWriteBack = () -> {};

    private void saw(String s) {
      seen.add(s);
      LeakScan.record(s);
    }

    @Override
    public void writeBackChecked(String target) {
      saw("checked " + target);
    }

    @Override
    public void added(NewClientSecret secret) {
      Emulated.sensitive(secret);
      saw("added " + secret);
      afterAdd.run();
    }

    @Override
    public void writtenBack(String target) {
      saw("written " + target);
      afterWriteBack.run();
    }

    @Override
    public void proven(String origin, AccessToken token) {
      saw("proven " + origin + " " + token);
    }

    @Override
    public void oldSecret(ClientSecret before, Optional<ClientSecret> now, boolean usedSince) {
      saw("old " + before.uuid() + " used since: " + usedSince);
    }

    @Override
    public void deleted(String uuid) {
      saw("deleted " + uuid);
    }

    @Override
    public void removedFromSource(String target) {
      saw("removed " + target);
    }
  }

  private SecretRotation.Rotated rotate(Settings settings, String locator, Steps steps, boolean deleteOld,
      boolean force) {
    try (FireflyAuth auth = Emulated.auth(settings, locator);
        SecretsAdmin admin = SecretsAdmin.builder().settings(settings).credentials(auth.credentials())
            .locator(locator).build()) {
      return SecretRotation.builder(auth, admin).freshAuth(() -> Emulated.auth(settings, locator))
          .listener(steps).build().rotate(deleteOld, force);
    }
  }

  /** A FireflyAuth over the rewritten source exchanges; the emulator says with which secret. */
  private void freshExchangeUsesTheNewSecret(Settings settings, String locator, String newSecret) {
    e.time.advance(Duration.ofMinutes(10));
    try (FireflyAuth fresh = Emulated.auth(settings, locator)) {
      assertTrue(e.ims.isValidToken(fresh.token().value().reveal()));
    }
    String newUuid = e.ims.secretUuid(e.client.clientId(), newSecret).orElseThrow();
    for (ConsoleSecret s : e.ims.secrets(e.client.clientId())) {
      assertEquals(s.uuid().equals(newUuid), s.lastUsed().equals(Optional.of(e.time.now())),
          "only the new secret was used just now: " + s);
    }
  }

  private String oldUuid() {
    return e.ims.secretUuid(e.client.clientId(), e.secret).orElseThrow();
  }

  private static Map<?, ?> json(Path file) throws IOException, JsonProblem {
    return (Map<?, ?>) StrictJson.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void aJsonCredentialsFileGetsTheNewSecretFirstAndKeepsTheOld() throws Exception {
    Path file = Emulated.write(dir, "credentials.json", "{\"client_id\": \"" + e.client.clientId()
        + "\", \"client_secret\": \"" + e.secret + "\", \"org_id\": \"ABC@AdobeOrg\"}");
    Settings settings = e.settings().build();
    String locator = "firefly:file:" + file;
    String old = oldUuid();
    Steps steps = new Steps();
    e.time.advance(Duration.ofMinutes(1));

    SecretRotation.Rotated r = rotate(settings, locator, steps, false, false);

    String fresh = r.secret().secret().reveal();
    assertEquals(List.of(fresh, e.secret), json(file).get("client_secrets"));
    assertEquals("ABC@AdobeOrg", json(file).get("org_id"), "the rest of the file is kept");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(List.of("checked file " + file + " [profile default]", "added " + r.secret(),
        "written file " + file + " [profile default]"), steps.seen.subList(0, 3));
    assertTrue(steps.seen.get(3).startsWith("proven file " + file + " AccessToken"), steps.seen::toString);
    assertEquals("old " + old + " used since: false", steps.seen.get(4));
    assertEquals(5, steps.seen.size(), "nothing deleted");
    assertEquals(Optional.of(old), r.oldSecret().map(ClientSecret::uuid));
    assertFalse(r.oldUsedSince());
    assertFalse(r.oldDeleted());
    assertEquals(2, e.ims.secrets(e.client.clientId()).size());
    freshExchangeUsesTheNewSecret(settings, locator, fresh);
  }

  @Test
  void aDotenvFileKeepsTheOldSecretAsPrevious() throws Exception {
    Path file = Emulated.write(dir, "firefly.env", "# deploy config\nexport FIREFLY_SERVICES_CLIENT_ID="
        + e.client.clientId() + "\nFIREFLY_SERVICES_CLIENT_SECRET=\"" + e.secret + "\"\nOTHER=kept\n");
    Settings settings = e.settings().build();
    String locator = "firefly:file:" + file;

    SecretRotation.Rotated r = rotate(settings, locator, new Steps(), false, false);

    String fresh = r.secret().secret().reveal();
    assertEquals("# deploy config\nexport FIREFLY_SERVICES_CLIENT_ID=" + e.client.clientId()
        + "\nFIREFLY_SERVICES_CLIENT_SECRET=\"" + fresh + "\"\nFIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS=\"" + e.secret
        + "\"\nOTHER=kept\n", Files.readString(file));
    freshExchangeUsesTheNewSecret(settings, locator, fresh);
  }

  @Test
  void aConsoleProjectFileGivesTheIdsAndGetsTheNewSecret() throws Exception {
    Path file = Emulated.write(dir, "project.json", "{\"project\": {\"org\": {\"id\": \"" + e.client.orgId()
        + "\", \"ims_org_id\": \"ABC@AdobeOrg\"}, \"workspace\": {\"details\": {\"credentials\": [{\"id\": \""
        + e.client.credentialId() + "\", \"name\": \"Firefly\", \"integration_type\": \"oauth_server_to_server\","
        + " \"oauth_server_to_server\": {\"client_id\": \"" + e.client.clientId() + "\", \"client_secrets\": [\""
        + e.secret + "\"], \"scopes\": [\"openid\", \"AdobeID\", \"firefly_api\"]}}]}}}}");
    // No FIREFLY_CONSOLE_ORG_ID / FIREFLY_CREDENTIAL_ID: the IDs come from the project file itself.
    Settings settings = Settings.builder().put(dev.fireflyauth.Setting.IMS_URL, e.ims.tokenUrl().toString())
        .put(SecretsAdmin.IO_API_URL, e.ims.ioApiUrl().toString()).build();
    String locator = "firefly:file:" + file;

    SecretRotation.Rotated r = rotate(settings, locator, new Steps(), false, false);

    String fresh = r.secret().secret().reveal();
    Map<?, ?> s2s = (Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) json(file)
        .get("project")).get("workspace")).get("details")).get("credentials")).get(0)).get("oauth_server_to_server");
    assertEquals(List.of(fresh, e.secret), s2s.get("client_secrets"));
    assertEquals(List.of("openid", "AdobeID", "firefly_api"), s2s.get("scopes"));
    freshExchangeUsesTheNewSecret(settings, locator, fresh);
  }

  @Test
  void deleteOldRetiresTheOldSecretWhenNothingUsedIt() throws Exception {
    Path file = Emulated.write(dir, "credentials.json", "{\"client_id\": \"" + e.client.clientId()
        + "\", \"client_secret\": \"" + e.secret + "\"}");
    String old = oldUuid();
    Steps steps = new Steps();
    SecretRotation.Rotated r = rotate(e.settings().build(), "firefly:file:" + file, steps, true, false);
    assertTrue(r.oldDeleted());
    assertEquals(List.of(r.secret().secret().reveal()), json(file).get("client_secrets"));
    assertEquals(List.of(r.secret().uuid()), e.ims.secrets(e.client.clientId()).stream().map(ConsoleSecret::uuid)
        .toList());
    assertEquals(List.of("deleted " + old, "removed file " + file + " [profile default]"),
        steps.seen.subList(5, 7));
    assertEquals(Optional.empty(), e.ims.secretUuid(e.client.clientId(), e.secret), "the old secret is gone");
  }

  @Test
  void deleteOldIsRefusedWhileTheOldSecretIsStillInUse() throws Exception {
    Path file = Emulated.write(dir, "credentials.json", "{\"client_id\": \"" + e.client.clientId()
        + "\", \"client_secret\": \"" + e.secret + "\"}");
    String old = oldUuid();
    Steps steps = new Steps();
    steps.afterWriteBack = this::aDeploymentExchangesWithTheOldSecret;

    TransientException ex = LeakScan.record(assertThrows(TransientException.class,
        () -> rotate(e.settings().build(), "firefly:file:" + file, steps, true, false)));

    assertTrue(ex.getMessage().startsWith("not deleting the old client secret " + old + ": it was used at "
        + e.time.now() + ", after the rotation began (it was last used at "), ex.getMessage());
    assertTrue(ex.getMessage().endsWith("delete it with `firefly-auth secrets delete " + old + "`, or rotate with"
        + " --force to delete it anyway"), ex.getMessage());
    assertEquals("old " + old + " used since: true", steps.seen.get(4));
    assertEquals(2, e.ims.secrets(e.client.clientId()).size(), "both are still live");
    assertEquals(2, ((List<?>) json(file).get("client_secrets")).size());
  }

  @Test
  void deleteOldWithForceRetiresItAnyway() throws Exception {
    Path file = Emulated.write(dir, "credentials.json", "{\"client_id\": \"" + e.client.clientId()
        + "\", \"client_secret\": \"" + e.secret + "\"}");
    Steps steps = new Steps();
    steps.afterWriteBack = this::aDeploymentExchangesWithTheOldSecret;
    SecretRotation.Rotated r = rotate(e.settings().build(), "firefly:file:" + file, steps, true, true);
    assertTrue(r.oldUsedSince());
    assertTrue(r.oldDeleted());
    assertEquals(List.of(r.secret().secret().reveal()), json(file).get("client_secrets"));
    assertEquals(1, e.ims.secrets(e.client.clientId()).size());
  }

  /** Another process that has not re-read its credentials yet: an exchange with the old secret, a minute later. */
  private void aDeploymentExchangesWithTheOldSecret() {
    e.time.advance(Duration.ofMinutes(1));
    ClientCredentials old = ClientCredentials.builder().clientId(e.client.clientId()).addSecret(Secret.of(e.secret))
        .origin("another deployment").build();
    try (FireflyAuth other = FireflyAuth.builder().settings(e.settings().build()).credentials(old)
        .tokenStore("none").build()) {
      other.token();
    }
  }

  @Test
  void aWriteBackThatFailsAfterTheAddLeavesTheFileUnchangedAndSaysHowToRecover() throws Exception {
    Path file = Emulated.write(dir, "credentials.json", "{\"client_id\": \"" + e.client.clientId()
        + "\", \"client_secret\": \"" + e.secret + "\"}");
    byte[] before = Files.readAllBytes(file);
    Steps steps = new Steps();
    steps.afterAdd = () -> readOnly(file); // the file turns read-only between the check and the write

    SecretNotStoredException ex = LeakScan.record(assertThrows(SecretNotStoredException.class,
        () -> rotate(e.settings().build(), "firefly:file:" + file, steps, true, false)));

    assertArrayEquals(before, Files.readAllBytes(file), "the file is unchanged");
    String uuid = ex.secret().uuid();
    assertEquals(List.of(uuid, oldUuid()), e.ims.secrets(e.client.clientId()).stream().map(ConsoleSecret::uuid)
        .toList(), "the new secret is live in Adobe");
    assertEquals("client secret " + uuid + " was added to credential " + e.client.credentialId() + " (org "
        + e.client.orgId() + ") in Adobe, but could not be written back to file " + file + " [profile default]: file "
        + file + " [profile default]: cannot write back the new secret: the file is read-only (r--------); make it"
        + " writable (chmod u+w " + file + ") and run the write-back again; the file was left unchanged. file " + file
        + " [profile default] was left as it was, so the previous secret keeps working. To recover, either delete the"
        + " new secret in Adobe (`firefly-auth secrets delete " + uuid + "`) and rotate again once the cause is"
        + " fixed, or store the new secret there by hand (its value is shown only with --print-secret)",
        ex.getMessage());
    assertEquals(FireflyAuthException.Kind.BROKEN, ex.kind());
    assertTrue(ex.getCause() instanceof CredentialSourceException);
    assertEquals("file " + file + " [profile default]", ex.target());
    assertEquals(2, steps.seen.size(), "checked, added, then nothing: " + steps.seen);
  }

  private static void readOnly(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    } catch (IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }

  @Test
  void aReadOnlyFileIsRefusedBeforeAnythingIsAdded() throws Exception {
    Path file = Emulated.write(dir, "credentials.json", "{\"client_id\": \"" + e.client.clientId()
        + "\", \"client_secret\": \"" + e.secret + "\"}");
    readOnly(file);
    CredentialSourceException ex = LeakScan.record(assertThrows(CredentialSourceException.class,
        () -> rotate(e.settings().build(), "firefly:file:" + file, new Steps(), false, false)));
    assertTrue(ex.getMessage().contains("the file is read-only (r--------)"), ex.getMessage());
    assertEquals(1, e.ims.secrets(e.client.clientId()).size(), "nothing was added");
    assertEquals(0, e.ims.ioApiRequestCount());
  }

  @Test
  void credentialsFromTheEnvironmentCannotBeRotatedButCanBeAdded() {
    Settings settings = e.settings().environment(Map.of("FIREFLY_SERVICES_CLIENT_ID", e.client.clientId(),
        "FIREFLY_SERVICES_CLIENT_SECRET", e.secret)).build();
    ConfigurationException ex = LeakScan.record(assertThrows(ConfigurationException.class,
        () -> rotate(settings, "firefly:env", new Steps(), false, false)));
    assertEquals("the credentials come from env FIREFLY_SERVICES_CLIENT_ID, which cannot be written back: rotate"
        + " where the credentials are kept in a file or in AWS Secrets Manager (--source firefly:file:… or"
        + " firefly:aws-secrets:…), or add a secret with --print-secret and store it yourself", ex.getMessage());
    assertEquals(1, e.ims.secrets(e.client.clientId()).size());
    try (FireflyAuth auth = Emulated.auth(settings, "firefly:env");
        SecretsAdmin admin = SecretsAdmin.builder().settings(settings).credentials(auth.credentials()).build()) {
      SecretRotation.Added added = SecretRotation.builder(auth, admin).build().add(false);
      Emulated.sensitive(added.secret());
      assertEquals(Optional.empty(), added.writtenBackTo());
      assertEquals(Secret.of(e.secret), added.previous());
      assertEquals(2, e.ims.secrets(e.client.clientId()).size());
    }
  }

  @Test
  void aCredentialWithTwoSecretsIsRefusedBeforeAnythingIsAdded() throws Exception {
    RegisteredClient second = e.ims.rotateSecret(e.client.clientId(), LeakScan.sensitive("p8e-second-live-Hq2"), true);
    Path file = Emulated.write(dir, "credentials.json", "{\"client_id\": \"" + e.client.clientId()
        + "\", \"client_secret\": \"" + e.secret + "\"}");
    byte[] before = Files.readAllBytes(file);
    ConfigurationException ex = LeakScan.record(assertThrows(ConfigurationException.class,
        () -> rotate(e.settings().build(), "firefly:file:" + file, new Steps(), false, false)));
    String newest = e.ims.secretUuid(e.client.clientId(), second.clientSecret()).orElseThrow();
    assertEquals("credential " + e.client.credentialId() + " (org " + e.client.orgId() + ") has 2 client secrets"
        + " already (" + newest + " last used never, " + oldUuid() + " last used " + e.time.now() + "), the most"
        + " Adobe allows: delete one first (`firefly-auth secrets delete UUID` for the one no deployment uses; the"
        + " one in use was used most recently)", ex.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(2, e.ims.secrets(e.client.clientId()).size());
  }

  @Test
  void aChainThatDoesNotReadTheNewSecretFailsTheProofAndDeletesNothing() throws Exception {
    Path file = Emulated.write(dir, "credentials.json", "{\"client_id\": \"" + e.client.clientId()
        + "\", \"client_secret\": \"" + e.secret + "\"}");
    Settings settings = e.settings().build();
    String locator = "firefly:file:" + file;
    Settings elsewhere = e.settings().environment(Map.of("FIREFLY_SERVICES_CLIENT_ID", e.client.clientId(),
        "FIREFLY_SERVICES_CLIENT_SECRET", e.secret)).build();
    try (FireflyAuth auth = Emulated.auth(settings, locator);
        SecretsAdmin admin = SecretsAdmin.builder().settings(settings).credentials(auth.credentials()).build()) {
      ConfigurationException ex = LeakScan.record(assertThrows(ConfigurationException.class,
          () -> SecretRotation.builder(auth, admin).freshAuth(() -> Emulated.auth(elsewhere, "firefly:env"))
              .listener(new Steps()).build().rotate(true, true)));
      assertTrue(ex.getMessage().endsWith("but a fresh chain reads credentials from env FIREFLY_SERVICES_CLIENT_ID"
          + " that do not have it as the newest secret: check that the chain (--source, FIREFLY_CREDENTIALS) reads"
          + " file " + file + " [profile default]; the previous secret is still live there as the second secret, so"
          + " deployments keep working, and it was not deleted"), ex.getMessage());
    }
    assertEquals(2, e.ims.secrets(e.client.clientId()).size(), "nothing deleted");
  }

  @Test
  void aNewSecretImsKeepsRejectingIsTriedAgainThenReported() throws Exception {
    Path file = Emulated.write(dir, "credentials.json", "{\"client_id\": \"" + e.client.clientId()
        + "\", \"client_secret\": \"" + e.secret + "\"}");
    Settings settings = e.settings().build();
    String locator = "firefly:file:" + file;
    Steps steps = new Steps();
    // The new secret is retired the moment it is written back: IMS will never accept it.
    steps.afterWriteBack = () -> e.ims.rotateSecret(e.client.clientId(), e.secret, false);
    try (FireflyAuth auth = Emulated.auth(settings, locator);
        SecretsAdmin admin = SecretsAdmin.builder().settings(settings).credentials(auth.credentials()).build()) {
      FireflyAuthException ex = LeakScan.record(assertThrows(FireflyAuthException.class,
          () -> SecretRotation.builder(auth, admin).freshAuth(() -> Emulated.auth(settings, locator))
              .listener(steps).proofAttempts(3, Duration.ofSeconds(2)).timeSource(e.time).build()
              .rotate(true, false)));
      assertEquals(FireflyAuthException.Kind.REJECTED, ex.kind());
      assertTrue(ex.getMessage().contains("was added and written back to file " + file + " [profile default], but"
          + " IMS rejected it (3 attempts): "), ex.getMessage());
      assertEquals(2, e.time.sleeps(), "two pauses between three attempts");
    }
  }

  @Test
  void noSecretOrTokenInAnyLogLineOrStepOfAWholeRotation() throws Exception {
    Path file = Emulated.write(dir, "credentials.json", "{\"client_id\": \"" + e.client.clientId()
        + "\", \"client_secret\": \"" + e.secret + "\"}");
    Steps steps = new Steps();
    List<String> logged;
    try (dev.fireflyauth.testing.LogCapture logs = dev.fireflyauth.testing.LogCapture.start()) {
      rotate(e.settings().build(), "firefly:file:" + file, steps, true, false);
      logged = logs.lines();
    }
    assertTrue(logged.stream().anyMatch(l -> l.contains("added client secret")), "INFO lines were captured");
    assertTrue(logged.stream().anyMatch(l -> l.contains("GET http://")), "DEBUG lines were captured: " + logged);
    List<String> texts = new ArrayList<>(logged);
    texts.addAll(steps.seen);
    for (String text : texts) {
      assertFalse(text.matches("(?s).*p8e-[A-Za-z0-9_-]{8,}.*"), "a secret in: " + text);
      for (String word : text.split("[^A-Za-z0-9_-]+")) {
        assertFalse(e.ims.isValidToken(word), "a token in: " + text);
      }
    }
  }
}
