package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import dev.fireflyauth.testkit.ConsoleSecret;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firefly-auth secrets list|add|delete|rotate} in-process against the test kit's IMS emulator (token
 * endpoint and I/O Management API): output, write-backs onto each file format, the delete-old rule, recovery
 * from a failed write-back, and the exit codes. No secret or token in any output unless --print-secret.
 */
class SecretsCliTest {
  @TempDir Path dir;
  private SecretsFixture f;

  private SecretsFixture fixture() {
    if (f == null) {
      f = new SecretsFixture(dir);
    }
    return f;
  }

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  /** A fresh chain over {@code file} that must exchange (no store); the emulator says which secret it used. */
  private void aFreshChainExchangesWithTheNewSecret(Path file, Object newSecret) {
    List<ConsoleSecret> before = f.ims.secrets(f.client.clientId());
    CliRun token = CliRun.run(f.env(file), "token", "--no-store").assertStderrFreeOf(List.of(f.client.clientSecret(),
        String.valueOf(newSecret)));
    assertEquals(0, token.exit, token::toString);
    assertTrue(f.ims.isValidToken(token.out.strip()));
    String newUuid = f.uuidOf(newSecret).orElseThrow();
    for (ConsoleSecret now : f.ims.secrets(f.client.clientId())) {
      Optional<Instant> was = before.stream().filter(b -> b.uuid().equals(now.uuid())).findFirst()
          .flatMap(ConsoleSecret::lastUsed);
      assertEquals(now.uuid().equals(newUuid), !now.lastUsed().equals(was), "only the new secret was used: " + now);
    }
  }

  @Test
  void listShowsUuidCreatedAndLastUsed() {
    fixture();
    CliRun r = f.run(f.env(f.jsonFile()), "secrets", "list");
    assertEquals(0, r.exit, r::toString);
    ConsoleSecret only = f.ims.secrets(f.client.clientId()).get(0);
    List<String> lines = r.out.lines().toList();
    assertEquals("credential " + f.client.credentialId() + " (org " + f.client.orgId() + "): 1 client secret",
        lines.get(0));
    assertEquals(String.format("%-36s  %-20s  %s", "UUID", "CREATED", "LAST USED"), lines.get(1));
    assertTrue(lines.get(2).matches(only.uuid() + "  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  "
        + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), r::toString);
    assertEquals(3, lines.size());
    assertEquals("", r.err);
  }

  @Test
  void listJson() {
    fixture();
    f.ims.rotateSecret(f.client.clientId(), true);
    CliRun r = f.run(f.env(f.jsonFile()), "secrets", "list", "--json");
    assertEquals(0, r.exit, r::toString);
    Map<?, ?> json = CliFixtures.json(r.out);
    assertEquals(f.client.credentialId(), json.get("credential_id"));
    assertEquals(f.client.orgId(), json.get("org_id"));
    List<?> secrets = (List<?>) json.get("client_secrets");
    assertEquals(f.uuids(), secrets.stream().map(s -> ((Map<?, ?>) s).get("uuid")).toList());
    Map<?, ?> newest = (Map<?, ?>) secrets.get(0);
    assertEquals(null, newest.get("last_used"), "the rotated-in secret was never used");
    assertTrue(Instant.parse((String) newest.get("created")).isBefore(Instant.now().plusSeconds(1)));
  }

  @Test
  void addWritesTheNewSecretBackWithoutShowingIt() {
    fixture();
    Path file = f.jsonFile();
    CliRun r = f.run(f.env(file), "secrets", "add");
    assertEquals(0, r.exit, r::toString);
    List<?> secrets = SecretsFixture.jsonSecrets(file);
    assertEquals(2, secrets.size());
    assertEquals(f.client.clientSecret(), secrets.get(1));
    String uuid = f.uuidOf(secrets.get(0)).orElseThrow();
    assertEquals("write-back: file " + file + " [profile default] can take the new secret\n"
        + "added client secret " + uuid + " to credential " + f.client.credentialId() + " (org " + f.client.orgId()
        + ")\n"
        + "written back to file " + file + " [profile default]: the new secret first, the previous one kept as the"
        + " second\n", r.out);
  }

  @Test
  void addForEnvironmentCredentialsNeedsPrintSecret() {
    fixture();
    Map<String, String> env = f.env(null);
    env.put("FIREFLY_SERVICES_CLIENT_ID", f.client.clientId());
    env.put("FIREFLY_SERVICES_CLIENT_SECRET", f.client.clientSecret());
    CliRun refused = f.run(env, "secrets", "add");
    assertEquals(6, refused.exit, refused::toString);
    assertEquals("firefly-auth: the credentials come from env FIREFLY_SERVICES_CLIENT_ID, which cannot be written"
        + " back: rotate where the credentials are kept in a file or in AWS Secrets Manager (--source firefly:file:…"
        + " or firefly:aws-secrets:…), or add a secret with --print-secret and store it yourself\n", refused.err);
    assertEquals(1, f.uuids().size(), "nothing was added");

    CliRun printed = f.run(env, true, "secrets", "add", "--print-secret");
    assertEquals(0, printed.exit, printed::toString);
    Matcher m = SecretsFixture.ANY_SECRET.matcher(printed.out);
    assertTrue(m.find(), printed::toString);
    String value = m.group();
    assertTrue(printed.out.contains("\nclient_secret: " + value + "\n"), printed::toString);
    assertTrue(printed.out.endsWith("not written back: env FIREFLY_SERVICES_CLIENT_ID cannot be written; store the"
        + " secret yourself, next to the previous one\n"), printed::toString);
    assertEquals(f.uuids().get(0), f.uuidOf(value).orElseThrow());
  }

  @Test
  void warningsGoToStderrAndQuietBeforeOrAfterTheVerbHidesThem() {
    fixture();
    Map<String, String> env = f.env(null);
    env.put("FIREFLY_CLIENT_ID", f.client.clientId()); // deprecated name: the env source warns
    env.put("FIREFLY_SERVICES_CLIENT_SECRET", f.client.clientSecret());
    CliRun warned = f.run(env, "secrets", "list");
    assertEquals(0, warned.exit, warned::toString);
    assertEquals("warning: environment variable FIREFLY_CLIENT_ID is deprecated: rename it to"
        + " FIREFLY_SERVICES_CLIENT_ID\n", warned.err);
    for (String[] args : List.of(new String[] {"--quiet", "secrets", "list"}, new String[] {"secrets", "list", "-q"})) {
      CliRun quiet = f.run(env, args);
      assertEquals(0, quiet.exit, quiet::toString);
      assertEquals("", quiet.err, quiet::toString);
    }
  }

  @Test
  void deleteRemovesOneSecret() {
    fixture();
    RegisteredClient rotated = f.ims.rotateSecret(f.client.clientId(), true);
    String newer = f.uuidOf(rotated.clientSecret()).orElseThrow();
    CliRun r = f.run(f.env(f.jsonFile()), "secrets", "delete", newer);
    assertEquals(0, r.exit, r::toString);
    assertEquals("deleted client secret " + newer + " of credential " + f.client.credentialId() + " (org "
        + f.client.orgId() + ")\n", r.out);
    assertEquals(List.of(f.uuidOf(f.client.clientSecret()).orElseThrow()), f.uuids());
  }

  @Test
  void deleteRefusesAMalformedOrUnknownUuid() {
    fixture();
    CliRun bad = f.run(f.env(f.jsonFile()), "secrets", "delete", "../../x");
    assertEquals(2, bad.exit, bad::toString);
    assertTrue(bad.err.contains("UUID must be a client secret's uuid as `firefly-auth secrets list` shows it"),
        bad::toString);
    CliRun unknown = f.run(f.env(f.jsonFile()), "secrets", "delete", "0000-1111");
    assertEquals(6, unknown.exit, unknown::toString);
    assertTrue(unknown.err.endsWith("; the credential has no client secret 0000-1111 (list them with"
        + " `firefly-auth secrets list`)\n"), unknown::toString);
  }

  @Test
  void rotateOnAJsonFileEndToEnd() {
    fixture();
    Path file = f.jsonFile();
    String old = f.uuidOf(f.client.clientSecret()).orElseThrow();
    CliRun r = f.run(f.env(file), "secrets", "rotate");
    assertEquals(0, r.exit, r::toString);
    List<?> secrets = SecretsFixture.jsonSecrets(file);
    assertEquals(f.client.clientSecret(), secrets.get(1), "the old secret stays live second");
    String uuid = f.uuidOf(secrets.get(0)).orElseThrow();
    List<String> lines = r.out.lines().toList();
    assertEquals("write-back: file " + file + " [profile default] can take the new secret", lines.get(0));
    assertEquals("added client secret " + uuid + " to credential " + f.client.credentialId() + " (org "
        + f.client.orgId() + ")", lines.get(1));
    assertEquals("written back to file " + file + " [profile default]: the new secret first, the previous one kept"
        + " as the second", lines.get(2));
    assertTrue(lines.get(3).startsWith("proven: a fresh chain reads the new secret first (file " + file + ") and IMS"
        + " issued a token for it (expires "), r::toString);
    assertTrue(lines.get(4).matches("previous secret " + old + ": last used \\S+Z, not since the rotation began"),
        r::toString);
    assertEquals("next: once no deployment uses the previous secret (`firefly-auth secrets list` shows its last use),"
        + " delete it: firefly-auth secrets delete " + old, lines.get(5));
    assertEquals("rotated: the new secret " + uuid + " is in use", lines.get(6));
    assertEquals("", r.err);
    aFreshChainExchangesWithTheNewSecret(file, secrets.get(0));
  }

  @Test
  void rotateOnADotenvFile() throws IOException {
    fixture();
    Path file = f.dotenvFile();
    CliRun r = f.run(f.env(file), "secrets", "rotate", "--source", "firefly:file:" + file);
    assertEquals(0, r.exit, r::toString);
    String text = Files.readString(file);
    Matcher m = java.util.regex.Pattern.compile("FIREFLY_SERVICES_CLIENT_SECRET=(\\S+)\n"
        + "FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS=" + f.client.clientSecret() + "\n").matcher(text);
    assertTrue(m.find(), text);
    aFreshChainExchangesWithTheNewSecret(file, m.group(1));
  }

  @Test
  void rotateOnAConsoleProjectTakesTheIdsFromIt() {
    fixture();
    Path file = f.consoleProjectFile();
    Map<String, String> env = f.env(file);
    env.remove("FIREFLY_CONSOLE_ORG_ID");
    env.remove("FIREFLY_CREDENTIAL_ID");
    CliRun r = f.run(env, "secrets", "rotate");
    assertEquals(0, r.exit, r::toString);
    assertEquals(2, f.uuids().size());
    aFreshChainExchangesWithTheNewSecret(file, newestIn(file));
  }

  private static String newestIn(Path file) {
    try {
      Matcher m = SecretsFixture.ANY_SECRET.matcher(Files.readString(file));
      assertTrue(m.find());
      return m.group();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void rotateDeleteOldRetiresAnUnusedOldSecret() {
    fixture();
    Path file = f.jsonFile();
    String old = f.uuidOf(f.client.clientSecret()).orElseThrow();
    CliRun r = f.run(f.env(file), "secrets", "rotate", "--delete-old");
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.contains("\ndeleted the previous secret " + old + " in Adobe\nremoved the previous secret from"
        + " file " + file + " [profile default]\nrotated: the new secret "), r::toString);
    List<?> secrets = SecretsFixture.jsonSecrets(file);
    assertEquals(1, secrets.size());
    assertEquals(List.of(f.uuidOf(secrets.get(0)).orElseThrow()), f.uuids());
  }

  /** While the secret is added, another deployment (not yet reading the new secret) exchanges the old one. */
  private void aDeploymentKeepsUsingTheOldSecret() {
    ClientCredentials old = ClientCredentials.builder().clientId(f.client.clientId())
        .addSecret(Secret.of(f.client.clientSecret())).origin("another deployment").build();
    f.ims.onSecretAdded(added -> {
      try (FireflyAuth other = FireflyAuth.builder()
          .settings(Settings.builder().put("firefly.ims.url", f.ims.tokenUrl().toString()).build())
          .credentials(old).tokenStore("none").build()) {
        other.token();
      }
    });
  }

  @Test
  void rotateDeleteOldIsRefusedWhileTheOldSecretIsInUse() {
    fixture();
    Path file = f.jsonFile();
    String old = f.uuidOf(f.client.clientSecret()).orElseThrow();
    aDeploymentKeepsUsingTheOldSecret();
    CliRun r = f.run(f.env(file), "secrets", "rotate", "--delete-old");
    assertEquals(5, r.exit, r::toString);
    assertTrue(r.out.contains("previous secret " + old + ": last used "), r::toString);
    assertTrue(r.out.contains(", after the rotation began (a deployment still uses it)\n"), r::toString);
    assertTrue(r.err.startsWith("firefly-auth: not deleting the old client secret " + old + ": it was used at "),
        r::toString);
    assertTrue(r.err.endsWith("delete it with `firefly-auth secrets delete " + old + "`, or rotate with --force to"
        + " delete it anyway\n"), r::toString);
    assertEquals(2, f.uuids().size(), "both secrets are live");
    assertEquals(2, SecretsFixture.jsonSecrets(file).size());
  }

  @Test
  void rotateDeleteOldWithForceRetiresItAnyway() {
    fixture();
    Path file = f.jsonFile();
    aDeploymentKeepsUsingTheOldSecret();
    CliRun r = f.run(f.env(file), "secrets", "rotate", "--delete-old", "--force");
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.contains("(a deployment still uses it)\ndeleted the previous secret "), r::toString);
    assertEquals(1, f.uuids().size());
    assertEquals(1, SecretsFixture.jsonSecrets(file).size());
  }

  @Test
  void aWriteBackThatFailsAfterTheAddLeavesTheFileUnchangedAndSaysHowToRecover() throws IOException {
    fixture();
    Path file = f.jsonFile();
    byte[] before = Files.readAllBytes(file);
    f.ims.onSecretAdded(added -> readOnly(file));
    CliRun r = f.run(f.env(file), true, "secrets", "rotate", "--print-secret");
    assertEquals(6, r.exit, r::toString);
    assertArrayEquals(before, Files.readAllBytes(file), "the file is unchanged");
    String uuid = f.uuids().get(0);
    assertTrue(r.err.startsWith("firefly-auth: client secret " + uuid + " was added to credential "
        + f.client.credentialId() + " (org " + f.client.orgId() + ") in Adobe, but could not be written back to file "
        + file + " [profile default]: "), r::toString);
    assertTrue(r.err.contains("the file is read-only (r--------)"), r::toString);
    assertTrue(r.err.endsWith("To recover, either delete the new secret in Adobe (`firefly-auth secrets delete "
        + uuid + "`) and rotate again once the cause is fixed, or store the new secret there by hand (its value is"
        + " shown only with --print-secret)\n"), r::toString);
    Matcher printed = java.util.regex.Pattern.compile("\nclient_secret: (p8e-\\S+)\n").matcher(r.out);
    assertTrue(printed.find(), "--print-secret shows the value to store by hand: " + r);
    assertEquals(Optional.of(uuid), f.uuidOf(printed.group(1)));

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    f.ims.onSecretAdded(added -> {});
    CliRun delete = f.run(f.env(file), "secrets", "delete", uuid);
    assertEquals(0, delete.exit, "the recovery the message names works: " + delete);
    assertEquals(1, f.uuids().size());
  }

  @Test
  void withoutPrintSecretAFailedWriteBackNeverShowsTheValue() throws IOException {
    fixture();
    Path file = f.jsonFile();
    f.ims.onSecretAdded(added -> readOnly(file));
    CliRun r = f.run(f.env(file), "secrets", "rotate");
    assertEquals(6, r.exit, r::toString);
    assertTrue(r.out.contains("added client secret " + f.uuids().get(0)), r::toString);
    assertTrue(r.err.contains("was added to credential"), r::toString);
  }

  private static void readOnly(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aThirdSecretIsRefusedBeforeAnythingChanges() throws IOException {
    fixture();
    f.ims.rotateSecret(f.client.clientId(), true);
    Path file = f.jsonFile();
    byte[] before = Files.readAllBytes(file);
    CliRun r = f.run(f.env(file), "secrets", "rotate");
    assertEquals(6, r.exit, r::toString);
    assertTrue(r.err.contains("has 2 client secrets already ("), r::toString);
    assertTrue(r.err.contains("the most Adobe allows: delete one first"), r::toString);
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(2, f.uuids().size());
  }

  @Test
  void aCredentialWithoutTheIoManagementApiScopesIsExit6NamingThem() {
    f = new SecretsFixture(dir, ClientCredentials.DEFAULT_SCOPES);
    CliRun r = f.run(f.env(f.jsonFile()), "secrets", "list");
    assertEquals(6, r.exit, r::toString);
    assertTrue(r.err.startsWith("firefly-auth: IMS issued no token for the I/O Management API: "), r::toString);
    assertTrue(r.err.endsWith("The credential must be allowed the scopes AdobeID,openid,read_organizations,"
        + "additional_info.projectedProductContext,additional_info.roles,adobeio_api,read_client_secret,"
        + "manage_client_secrets: add the I/O Management API to its project in Adobe Developer Console\n"), r::toString);
  }

  @Test
  void anotherClientsCredentialIsA403Exit6NamingTheApiAndTheScopes() {
    fixture();
    RegisteredClient other = f.ims.registerClient("cli-other-client", "p8e-cli-other-secret-Zz1",
        SecretsFixture.scopes());
    Map<String, String> env = f.env(f.jsonFile());
    env.put("FIREFLY_CREDENTIAL_ID", other.credentialId());
    CliRun r = f.run(env, "secrets", "add");
    assertEquals(6, r.exit, r::toString);
    assertTrue(r.err.contains("answered HTTP 403 (x-debug-id "), r::toString);
    assertTrue(r.err.contains("access denied: add the I/O Management API to the Developer Console project of"
        + " client ID "), r::toString);
    assertTrue(r.err.contains("so that its tokens carry the scopes AdobeID,openid,"), r::toString);
    assertTrue(r.err.contains("check that credential " + other.credentialId() + " (environment variable"
        + " FIREFLY_CREDENTIAL_ID"), r::toString);
    assertEquals(1, f.ims.secrets(other.clientId()).size());
  }

  @Test
  void missingIdsAreExit6NamingTheSettings() {
    fixture();
    Map<String, String> env = f.env(f.jsonFile());
    env.remove("FIREFLY_CONSOLE_ORG_ID");
    CliRun r = f.run(env, "secrets", "list");
    assertEquals(6, r.exit, r::toString);
    assertTrue(r.err.startsWith("firefly-auth: the Developer Console org ID of the credential is not known: set"
        + " FIREFLY_CONSOLE_ORG_ID / firefly.console.org.id ("), r::toString);
    assertEquals(0, f.ims.requestCount(), "nothing was asked of IMS");
  }

  @Test
  void unreachableApiIsExit5() {
    fixture();
    Map<String, String> env = f.env(f.jsonFile());
    env.put("FIREFLY_IO_API_URL", CliFixtures.unreachableTokenUrl().replace("/ims/token/v3", ""));
    CliRun r = f.run(env, "secrets", "list");
    assertEquals(5, r.exit, r::toString);
    assertTrue(r.err.startsWith("firefly-auth: I/O Management API GET http://127.0.0.1:"), r::toString);
    assertTrue(r.err.contains(" could not be reached: "), r::toString);
  }

  @Test
  void usageErrors() {
    fixture();
    Map<String, String> env = f.env(f.jsonFile());
    CliRun noVerb = f.run(env, "secrets");
    assertEquals(2, noVerb.exit, noVerb::toString);
    assertTrue(noVerb.err.contains("secrets needs a verb: list, add, delete or rotate"), noVerb::toString);
    CliRun force = f.run(env, "secrets", "rotate", "--force");
    assertEquals(2, force.exit, force::toString);
    assertTrue(force.err.contains("--force applies only with --delete-old"), force::toString);
    CliRun noUuid = f.run(env, "secrets", "delete");
    assertEquals(2, noUuid.exit, noUuid::toString);
    assertEquals(0, f.ims.requestCount() + f.ims.ioApiRequestCount(), "no call for a usage error");
    CliRun help = f.run(env, "secrets", "rotate", "--help");
    assertEquals(0, help.exit);
    assertTrue(help.out.contains("--delete-old") && help.out.contains("--print-secret"), help::toString);
  }

  @Test
  void aSecretImsRejectsIsExit4() {
    fixture();
    Path file = f.write("wrong.json", "{\"client_id\": \"" + f.client.clientId()
        + "\", \"client_secret\": \"p8e-cli-wrong-secret-Aa1\"}");
    CliRun r = f.run(f.env(file), "secrets", "rotate");
    assertEquals(4, r.exit, r::toString);
    assertTrue(r.err.startsWith("firefly-auth: IMS rejected every client secret of client ID "), r::toString);
    assertTrue(r.err.contains(" when asked for a token for the I/O Management API: "), r::toString);
    assertEquals(1, f.uuids().size());
  }
}
