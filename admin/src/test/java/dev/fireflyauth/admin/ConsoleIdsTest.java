package dev.fireflyauth.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testing.LeakScan;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the org and credential IDs and the API's URL come from: the builder, the settings, a Developer Console
 * project JSON (named, or the credentials file itself); and every bad value's message. No network.
 */
class ConsoleIdsTest {
  private static final String SECRET = LeakScan.sensitive("p8e-console-ids-secret-value");
  private static final ClientCredentials CREDENTIALS = ClientCredentials.builder().clientId("client-ids-1")
      .addSecret(Secret.of(SECRET)).origin("file /x").build();

  @TempDir Path dir;

  /** A Console project with two OAuth Server-to-Server credentials; the second is ours. */
  private Path project(String orgId) {
    String org = orgId == null ? "" : "\"id\": \"" + orgId + "\", ";
    return Emulated.write(dir, "project.json", "{\"project\": {\"id\": \"p1\", \"org\": {" + org
        + "\"ims_org_id\": \"ABC@AdobeOrg\"}, \"workspace\": {\"details\": {\"credentials\": ["
        + "{\"id\": \"111\", \"name\": \"other\", \"integration_type\": \"oauth_server_to_server\","
        + " \"oauth_server_to_server\": {\"client_id\": \"someone-else\", \"client_secrets\": [\"p8e-x-other\"]}},"
        + "{\"id\": 222333, \"name\": \"ours\", \"integration_type\": \"oauth_server_to_server\","
        + " \"oauth_server_to_server\": {\"client_id\": \"client-ids-1\", \"client_secrets\": [\"" + SECRET
        + "\"]}}]}}}}");
  }

  private static ConsoleCredential resolve(Settings settings, ConsoleIds.Given given) {
    return ConsoleIds.resolve(given, settings, CREDENTIALS);
  }

  private static ConsoleIds.Given none() {
    return new ConsoleIds.Given(null, null, null, null);
  }

  private static String brokenMessage(Settings settings, ConsoleIds.Given given) {
    return LeakScan.record(assertThrows(ConfigurationException.class, () -> resolve(settings, given))).getMessage();
  }

  @Test
  void settingsGiveBothIdsAndSayWhereTheyWereRead() {
    Settings s = Settings.builder().environment(java.util.Map.of("FIREFLY_CONSOLE_ORG_ID", "12345",
        "FIREFLY_CREDENTIAL_ID", "67890")).build();
    assertEquals(new ConsoleCredential("12345",
        "environment variable FIREFLY_CONSOLE_ORG_ID (FIREFLY_CONSOLE_ORG_ID / firefly.console.org.id)",
        "67890", "environment variable FIREFLY_CREDENTIAL_ID (FIREFLY_CREDENTIAL_ID / firefly.credential.id)"),
        resolve(s, none()));
  }

  @Test
  void theBuilderWinsOverTheSettings() {
    Settings s = Settings.builder().put(SecretsAdmin.CONSOLE_ORG_ID, "1").put(SecretsAdmin.CREDENTIAL_ID, "2").build();
    ConsoleCredential c = resolve(s, new ConsoleIds.Given("3", "4", null, null));
    assertEquals("credential 4 (SecretsAdmin.builder().credentialId(…)) in org 3 (SecretsAdmin.builder().orgId(…))",
        c.describeWithOrigins());
  }

  @Test
  void aNamedProjectFileGivesTheIdsOfTheCredentialWithOurClientId() {
    Path file = project("424242");
    Settings s = Settings.builder().put(SecretsAdmin.CONSOLE_PROJECT_FILE, file.toString()).build();
    ConsoleCredential c = resolve(s, none());
    assertEquals("424242", c.orgId());
    assertEquals("222333", c.credentialId(), "a numeric id, matched by client_id, not the first");
    assertEquals("project.org.id in " + file, c.orgIdFrom());
    assertEquals("project.workspace.details.credentials[].id in " + file, c.credentialIdFrom());
  }

  @Test
  void aSettingFillsInWhatTheProjectFileLacks() {
    Path file = project(null);
    Settings s = Settings.builder().put(SecretsAdmin.CONSOLE_ORG_ID, "77").build();
    ConsoleCredential c = resolve(s, new ConsoleIds.Given(null, null, file, null));
    assertEquals("77", c.orgId());
    assertEquals("222333", c.credentialId());
  }

  @Test
  void theCredentialsFileIsReadWhenItIsAProjectFile() {
    Path file = project("5150");
    Settings viaSetting = Settings.builder().put(Setting.CREDENTIALS_FILE, file.toString()).build();
    assertEquals("5150", resolve(viaSetting, none()).orgId());
    assertEquals("222333", resolve(Settings.builder().build(),
        new ConsoleIds.Given(null, null, null, "firefly:file:" + file + "?profile=ours")).credentialId());
    Settings viaChain = Settings.builder().put(Setting.CREDENTIALS, "firefly:env, firefly:file:" + file).build();
    assertEquals("5150", resolve(viaChain, none()).orgId());
  }

  @Test
  void theDefaultCredentialsFileIsReadWhenItIsAProjectFile() throws java.io.IOException {
    Path home = java.nio.file.Files.createDirectories(dir.resolve("home"));
    Settings viaHome = Settings.builder().put("user.home", home.toString()).build();
    assertTrue(brokenMessage(viaHome, none()).startsWith("the Developer Console org ID"), "no default file");
    Path config = java.nio.file.Files.createDirectories(home.resolve(".config/firefly"));
    java.nio.file.Files.move(project("8080"), config.resolve("credentials.json"));
    ConsoleCredential c = resolve(viaHome, none());
    assertEquals("8080", c.orgId());
    assertEquals("project.org.id in " + config.resolve("credentials.json"), c.orgIdFrom());
  }

  @Test
  void aCredentialsFileThatIsNoProjectFileIsSkippedQuietly() {
    Path dotenv = Emulated.write(dir, "firefly.env", "FIREFLY_SERVICES_CLIENT_ID=client-ids-1\n");
    Settings s = Settings.builder().put(Setting.CREDENTIALS_FILE, dotenv.toString()).build();
    assertEquals("the Developer Console org ID of the credential is not known: set FIREFLY_CONSOLE_ORG_ID /"
        + " firefly.console.org.id (the number after /console/projects/ in the Developer Console URL, or"
        + " project.org.id in the project JSON), or point FIREFLY_CONSOLE_PROJECT_FILE /"
        + " firefly.console.project.file at the project JSON that Developer Console downloads",
        brokenMessage(s, none()));
  }

  @Test
  void aMissingCredentialIdSaysWhereToFindIt() {
    Settings s = Settings.builder().put(SecretsAdmin.CONSOLE_ORG_ID, "1").build();
    assertEquals("the Developer Console credential ID of the credential is not known: set FIREFLY_CREDENTIAL_ID /"
        + " firefly.credential.id (in the Developer Console URL of the credential's page, or the credential's id"
        + " in project.workspace.details.credentials of the project JSON), or point FIREFLY_CONSOLE_PROJECT_FILE /"
        + " firefly.console.project.file at the project JSON that Developer Console downloads",
        brokenMessage(s, none()));
  }

  @Test
  void aNamedProjectFileMustDeliver() {
    Path missing = dir.resolve("nope.json");
    Settings s = Settings.builder().put(SecretsAdmin.CONSOLE_PROJECT_FILE, missing.toString()).build();
    assertEquals("Developer Console project file " + missing + " (setting firefly.console.project.file"
        + " (FIREFLY_CONSOLE_PROJECT_FILE / firefly.console.project.file)) cannot be read (NoSuchFileException)",
        brokenMessage(s, none()));
    Path broken = Emulated.write(dir, "broken.json", "{\"project\": {\"client_secret\": \"" + SECRET + "\",}}");
    String notJson = brokenMessage(Settings.builder().build(), new ConsoleIds.Given(null, null, broken, null));
    assertTrue(notJson.startsWith("Developer Console project file " + broken + " (SecretsAdmin.builder()"
        + ".consoleProject(…)) is not valid JSON: "), notJson);
    Path plain = Emulated.write(dir, "plain.json", "{\"client_id\": \"x\"}");
    assertTrue(brokenMessage(Settings.builder().build(), new ConsoleIds.Given(null, null, plain, null))
        .endsWith("is not a Developer Console project file (no \"project\" object)"));
    ClientCredentials stranger = CREDENTIALS.toBuilder().clientId("stranger-client").build();
    ConfigurationException noMatch = assertThrows(ConfigurationException.class, () -> ConsoleIds.resolve(
        new ConsoleIds.Given(null, null, project("1"), null), Settings.builder().build(), stranger));
    assertTrue(noMatch.getMessage().endsWith(" has no OAuth Server-to-Server credential with client ID "
        + stranger.maskedClientId() + " (from file /x) in project.workspace.details.credentials; download the"
        + " project of this credential from Developer Console"), noMatch.getMessage());
  }

  @Test
  void aNamedProjectFileThatIsNoRegularFileOrTooLargeIsRefusedUnread() {
    for (Path notAFile : new Path[] {dir, Path.of("/dev/zero")}) {
      assertEquals("Developer Console project file " + notAFile + " (SecretsAdmin.builder().consoleProject(…)) is"
          + " not a regular file",
          brokenMessage(Settings.builder().build(), new ConsoleIds.Given(null, null, notAFile, null)));
    }
    Path big = Emulated.write(dir, "big.json", "{\"project\": {\"pad\": \"" + "x".repeat(1024 * 1024) + "\"}}");
    assertEquals("Developer Console project file " + big + " (SecretsAdmin.builder().consoleProject(…)) is larger"
        + " than 1 MiB", brokenMessage(Settings.builder().build(), new ConsoleIds.Given(null, null, big, null)));
  }

  @Test
  void anImsOrgIdOrOtherCharactersAreRefusedWithoutEchoingThem() {
    Settings ims = Settings.builder().put(SecretsAdmin.CONSOLE_ORG_ID, "ABCDEF@AdobeOrg")
        .put(SecretsAdmin.CREDENTIAL_ID, "1").build();
    assertEquals("setting firefly.console.org.id (FIREFLY_CONSOLE_ORG_ID / firefly.console.org.id) must be the"
        + " numeric Developer Console org ID (project.org.id in the project JSON), but it ends in @AdobeOrg: that"
        + " is the IMS org ID (project.org.ims_org_id)", brokenMessage(ims, none()));
    Settings path = Settings.builder().put(SecretsAdmin.CONSOLE_ORG_ID, "1/../2")
        .put(SecretsAdmin.CREDENTIAL_ID, "1").build();
    assertTrue(brokenMessage(path, none()).endsWith("but it has characters other than digits"));
    Settings credential = Settings.builder().put(SecretsAdmin.CONSOLE_ORG_ID, "1")
        .put(SecretsAdmin.CREDENTIAL_ID, "a b?c").build();
    assertEquals("setting firefly.credential.id (FIREFLY_CREDENTIAL_ID / firefly.credential.id) must be the"
        + " Developer Console credential ID (1 to 64 letters, digits, '-' and '_'), but it is not",
        brokenMessage(credential, none()));
  }

  @Test
  void theApiUrlIsHttpsUnlessLoopbackAndItsBaseMayHaveAPath() {
    Settings ids = Settings.builder().put(SecretsAdmin.CONSOLE_ORG_ID, "1").put(SecretsAdmin.CREDENTIAL_ID, "2")
        .build();
    try (SecretsAdmin a = SecretsAdmin.builder().settings(ids).credentials(CREDENTIALS).build()) {
      assertEquals(URI.create("https://api.adobe.io/console/organizations/1/credentials/2/secrets"), a.secretsUrl());
    }
    Settings proxied = Settings.builder().put(SecretsAdmin.CONSOLE_ORG_ID, "1").put(SecretsAdmin.CREDENTIAL_ID, "2")
        .put(SecretsAdmin.IO_API_URL, "https://gateway.example.com/adobe-io/").build();
    try (SecretsAdmin a = SecretsAdmin.builder().settings(proxied).credentials(CREDENTIALS).build()) {
      assertEquals(URI.create("https://gateway.example.com/adobe-io/console/organizations/1/credentials/2/secrets"),
          a.secretsUrl());
    }
    Settings plain = Settings.builder().put(SecretsAdmin.IO_API_URL, "http://api.example.com").build();
    ConfigurationException http = assertThrows(ConfigurationException.class,
        () -> SecretsAdmin.builder().settings(plain).credentials(CREDENTIALS).build());
    assertEquals("setting firefly.io.api.url (FIREFLY_IO_API_URL / firefly.io.api.url) is 'http://api.example.com':"
        + " https is required, because an access token that may manage the credential's secrets is sent to this URL"
        + " (plain http is allowed only for a loopback host such as localhost or 127.0.0.1)", http.getMessage());
    Settings query = Settings.builder().put(SecretsAdmin.IO_API_URL, "https://api.adobe.io/?x=1").build();
    ConfigurationException q = assertThrows(ConfigurationException.class,
        () -> SecretsAdmin.builder().settings(query).credentials(CREDENTIALS).build());
    assertEquals("setting firefly.io.api.url (FIREFLY_IO_API_URL / firefly.io.api.url) must be the API's base URL"
        + " such as https://api.adobe.io, without a query or fragment", q.getMessage());
  }

  @Test
  void credentialsAreRequired() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> SecretsAdmin.builder().build());
    assertEquals("credentials (SecretsAdmin.builder().credentials(…))", e.getMessage());
  }
}
