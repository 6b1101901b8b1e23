package dev.fireflyauth.file;

import dev.fireflyauth.testkit.TestSourceContext;
import static dev.fireflyauth.file.Fixtures.copy;
import static dev.fireflyauth.file.Fixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each supported format, read from its own test file. */
class FormatsTest {
  @TempDir Path dir;

  private static List<String> secrets(ClientCredentials c) {
    return c.secrets().stream().map(Secret::reveal).collect(java.util.stream.Collectors.toList());
  }

  @Test
  void jsonWithOneSecretUsesTheDefaultScopes() {
    Path file = copy("formats/json/single-secret.json", dir);
    ClientCredentials c = load(file);
    assertEquals("fake-client-id-0001", c.clientId());
    assertEquals(List.of("p8e-FAKE-SECRET-single"), secrets(c));
    assertEquals(ClientCredentials.DEFAULT_SCOPES, c.scopes());
    assertEquals(Optional.empty(), c.orgId());
    assertEquals("file " + file, c.origin());
  }

  @Test
  void jsonWithSecretListScopeListAndOrg() {
    ClientCredentials c = load(copy("formats/json/full.json", dir));
    assertEquals(List.of("p8e-FAKE-SECRET-newest", "p8e-FAKE-SECRET-older"), secrets(c));
    assertEquals(List.of("openid", "AdobeID", "firefly_api"), c.scopes());
    assertEquals(Optional.of("FAKE0RG000000000000000@AdobeOrg"), c.orgId());
  }

  @Test
  void jsonScopesAsCommaSeparatedString() {
    ClientCredentials c = load(copy("formats/json/scopes-string.json", dir));
    assertEquals(List.of("openid", "firefly_api", "ff_apis"), c.scopes());
  }

  @Test
  void jsonProfilesUseDefaultUnlessOneIsNamed() {
    Path file = copy("formats/json/profiles.json", dir);
    ClientCredentials dev = load(file);
    assertEquals("fake-dev-client-id", dev.clientId());
    assertEquals("file " + file + " [profile default]", dev.origin());

    ClientCredentials prod = load(new FileCredentialSource(),
        TestSourceContext.of(Fixtures.settingsFor(file).put(Setting.PROFILE, "prod").build()));
    assertEquals("fake-prod-client-id", prod.clientId());
    assertEquals(List.of("p8e-FAKE-SECRET-prod-new", "p8e-FAKE-SECRET-prod-old"), secrets(prod));
    assertEquals(Optional.of("FAKEPROD0000000000000@AdobeOrg"), prod.orgId());
    assertEquals("file " + file + " [profile prod]", prod.origin());
  }

  @Test
  void dotenvAsPeopleWriteIt() {
    ClientCredentials c = load(copy("formats/dotenv/firefly.env", dir));
    assertEquals("fake-env-client-id", c.clientId());
    assertEquals(List.of("p8e-FAKE-SECRET-env#not-a-comment"), secrets(c));
    assertEquals(List.of("openid", "AdobeID", "firefly_api"), c.scopes());
    assertEquals(Optional.of("FAKEENV0000000000000@AdobeOrg"), c.orgId());
  }

  @Test
  void javaPropertiesWithPropertyNames() {
    ClientCredentials c = load(copy("formats/dotenv/firefly.properties", dir));
    assertEquals("fake-props-client-id", c.clientId());
    assertEquals(List.of("p8e-FAKE-SECRET-props"), secrets(c));
    assertEquals(List.of("openid", "firefly_api"), c.scopes());
  }

  @Test
  void developerConsoleProjectFile() {
    Path file = copy("formats/console/project.json", dir);
    ClientCredentials c = load(file);
    assertEquals("fake-console-client-id", c.clientId());
    assertEquals(List.of("p8e-FAKE-SECRET-console-new", "p8e-FAKE-SECRET-console-old"), secrets(c));
    assertEquals(ClientCredentials.DEFAULT_SCOPES, c.scopes());
    assertEquals(Optional.of("FAKECONSOLE0000000000@AdobeOrg"), c.orgId());
    assertEquals("file " + file, c.origin());
  }

  @Test
  void developerConsoleProjectWithSeveralCredentialsIsChosenByProfile() {
    Path file = copy("formats/console/two-credentials.json", dir);
    ClientCredentials c = load(new FileCredentialSource(),
        TestSourceContext.of(Fixtures.settingsFor(file).build(), "firefly:file:" + file + "?profile=batch"));
    assertEquals("fake-batch-client-id", c.clientId());
    assertEquals(Optional.of("FAKETWO00000000000000@AdobeOrg"), c.orgId());
    assertEquals("file " + file + " [profile batch]", c.origin());
  }

  @Test
  void directoryWithOneFilePerKeyTrimsTrailingNewlines() throws IOException {
    Path volume = Files.createDirectory(dir.resolve("firefly"));
    for (String name : List.of("client_id", "client_secret", "scopes", "org_id")) {
      copy("formats/volume/" + name, volume);
    }
    ClientCredentials c = load(volume);
    assertEquals("fake-volume-client-id", c.clientId());
    assertEquals(List.of("p8e-FAKE-SECRET-volume"), secrets(c));
    assertEquals(List.of("openid", "AdobeID", "firefly_api"), c.scopes());
    assertEquals(Optional.of("FAKEVOL00000000000000@AdobeOrg"), c.orgId());
    assertEquals("file " + volume, c.origin());
  }

  @Test
  void kubernetesSecretVolumeLayoutIsFollowedThroughDataLink() throws IOException {
    Path volume = KubernetesVolume.create(dir.resolve("secrets"), "..2026_11_30_10_00_00.000000001",
        "fake-k8s-client-id", "p8e-FAKE-SECRET-k8s");
    ClientCredentials c = load(volume);
    assertEquals("fake-k8s-client-id", c.clientId());
    assertEquals(List.of("p8e-FAKE-SECRET-k8s"), secrets(c));
  }

  @Test
  void directoryKeysMayUseTheEnvironmentVariableNames() throws IOException {
    Path volume = Files.createDirectory(dir.resolve("from-env-file"));
    Fixtures.write(volume, "FIREFLY_SERVICES_CLIENT_ID", "fake-envfile-client-id\n");
    Fixtures.write(volume, "FIREFLY_SERVICES_CLIENT_SECRET", "p8e-FAKE-SECRET-envfile\n");
    assertEquals("fake-envfile-client-id", load(volume).clientId());
  }

  @ParameterizedTest(name = "{0} renamed to {1}")
  @CsvSource({
    "formats/json/full.json, credentials, fake-client-id-0002",
    "formats/dotenv/firefly.env, credentials.conf, fake-env-client-id",
    "formats/console/project.json, firefly.txt, fake-console-client-id"
  })
  void formatIsDetectedFromContentWhateverTheFileName(String resource, String fileName, String clientId) {
    assertEquals(clientId, load(copy(resource, dir, fileName)).clientId());
  }

  @Test
  void utf8ByteOrderMarkIsAcceptedInJson() {
    assertEquals("fake-bom-client-id", load(copy("formats/json/bom.json", dir)).clientId());
  }

  @Test
  void utf8ByteOrderMarkAndWindowsLineEndsAreAcceptedInDotenv() {
    ClientCredentials c = load(copy("formats/dotenv/bom-crlf.env", dir));
    assertEquals("fake-bom-env-id", c.clientId());
    assertEquals(List.of("p8e-FAKE-SECRET-bom-env"), secrets(c));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "FIREFLY_SERVICES_CLIENT_ID=fake-id\nFIREFLY_SERVICES_CLIENT_SECRET=p8e-FAKE-SECRET-new\nFIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS=p8e-FAKE-SECRET-old\n",
    "firefly.services.client.id=fake-id\nfirefly.services.client.secret=p8e-FAKE-SECRET-new\nfirefly.services.client.secret.previous: p8e-FAKE-SECRET-old\n",
    "client_id=fake-id\nclient_secret=p8e-FAKE-SECRET-new\nexport FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS='p8e-FAKE-SECRET-old'\n"
  })
  void dotenvPreviousSecretIsTheSecondLiveSecret(String text) throws IOException {
    Path file = Fixtures.write(dir, "firefly.env", text);
    assertEquals(List.of("p8e-FAKE-SECRET-new", "p8e-FAKE-SECRET-old"), secrets(load(file)));
  }

  @Test
  void dotenvPreviousEqualToTheSecretIsOneSecret() throws IOException {
    Path file = Fixtures.write(dir, "firefly.env", "FIREFLY_SERVICES_CLIENT_ID=fake-id\n"
        + "FIREFLY_SERVICES_CLIENT_SECRET=p8e-FAKE-SECRET-same\nFIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS=p8e-FAKE-SECRET-same\n");
    assertEquals(List.of("p8e-FAKE-SECRET-same"), secrets(load(file)));
  }

  @Test
  void directoryMayHoldThePreviousSecret() throws IOException {
    Path volume = Files.createDirectory(dir.resolve("rotating"));
    Fixtures.write(volume, "FIREFLY_SERVICES_CLIENT_ID", "fake-envfile-client-id\n");
    Fixtures.write(volume, "FIREFLY_SERVICES_CLIENT_SECRET", "p8e-FAKE-SECRET-new\n");
    Fixtures.write(volume, "FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS", "p8e-FAKE-SECRET-old\n");
    assertEquals(List.of("p8e-FAKE-SECRET-new", "p8e-FAKE-SECRET-old"), secrets(load(volume)));
  }
}
