package dev.fireflyauth.file;

import dev.fireflyauth.testing.TestSourceContext;
import static dev.fireflyauth.file.Fixtures.assertMentions;
import static dev.fireflyauth.file.Fixtures.brokenMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group/world-readable files draw a warning, or are refused in strict mode. These tests need a POSIX file
 * system (permission bits); on others (Windows) they are skipped, because the check itself does not apply
 * there.
 */
class PermissionTest {
  @TempDir Path dir;

  @BeforeEach
  void needsPosix() {
    assumeTrue(Fixtures.posix(), "the default file system is not POSIX: there are no permission bits to check");
  }

  private Path readableBy(String mode) throws IOException {
    Path file = Fixtures.copy("formats/json/full.json", dir);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private static TestSourceContext load(Settings settings) {
    TestSourceContext context = TestSourceContext.of(settings);
    Fixtures.load(new FileCredentialSource(), context);
    return context;
  }

  @Test
  void groupAndWorldReadableFileWarnsWithTheFix() throws IOException {
    Path file = readableBy("rw-r--r--");
    List<String> warnings = load(Fixtures.settingsFor(file).build()).warnings();
    assertEquals(1, warnings.size());
    assertMentions(warnings.get(0), "file " + file, "readable by group and others (rw-r--r--)",
        "chmod 600 " + file, "FIREFLY_FILE_STRICT=true");
  }

  @Test
  void groupReadableFileWarns() throws IOException {
    Path file = readableBy("rw-r-----");
    assertMentions(load(Fixtures.settingsFor(file).build()).warnings().get(0), "readable by its group");
  }

  @Test
  void ownerOnlyFileDoesNotWarn() throws IOException {
    Path file = readableBy("r--------");
    assertEquals(List.of(), load(Fixtures.settingsFor(file).build()).warnings());
  }

  @Test
  void strictModeRefusesAReadableFile() throws IOException {
    Path file = readableBy("rw-r--r--");
    String message = brokenMessage(() -> load(Fixtures.settingsFor(file).put(Setting.FILE_STRICT, "true").build()));
    assertMentions(message, "file " + file, "readable by group and others", "is refused",
        "FIREFLY_FILE_STRICT / firefly.file.strict", "chmod 600 " + file);
  }

  @Test
  void strictModeFromTheEnvironmentAcceptsAnOwnerOnlyFile() throws IOException {
    Path file = readableBy("rw-------");
    Settings settings = Settings.builder()
        .environment(Map.of(Setting.CREDENTIALS_FILE.env(), file.toString(), Setting.FILE_STRICT.env(), "TRUE"))
        .build();
    assertEquals(List.of(), load(settings).warnings());
  }

  @Test
  void strictModeWithAValueThatIsNotABooleanNamesTheSetting() throws IOException {
    Path file = readableBy("rw-------");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> load(Fixtures.settingsFor(file).systemProperties(Map.of("firefly.file.strict", "yes")).build()));
    assertMentions(e.getMessage(), "system property firefly.file.strict", "true or false");
  }

  @Test
  void plainDirectoryChecksEachKeyFile() throws IOException {
    Path volume = Files.createDirectory(dir.resolve("keys"));
    Fixtures.write(volume, "client_id", "fake-dir-client-id\n");
    Path secret = Fixtures.write(volume, "client_secret", "p8e-FAKE-SECRET-dir\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> warnings = load(Fixtures.settingsFor(volume).build()).warnings();
    assertEquals(1, warnings.size());
    assertMentions(warnings.get(0), "file " + secret + " is readable by group and others", "chmod 600 " + secret);
    String message = brokenMessage(() -> load(Fixtures.settingsFor(volume).put(Setting.FILE_STRICT, "true").build()));
    assertMentions(message, "file " + volume + " [profile default]: entry 'client_secret' is readable");
  }

  @Test
  void kubernetesVolumeIsNotWarnedAbout() throws IOException {
    Path volume = KubernetesVolume.create(dir.resolve("secret"), "..2026_11_30_10_00_00.000000001",
        "fake-k8s-id", "p8e-FAKE-SECRET-k8s");
    assertTrue(Files.getPosixFilePermissions(volume.resolve("client_secret")).size() > 2, "files are 0644");
    Settings strict = Fixtures.settingsFor(volume).put(Setting.FILE_STRICT, "true").build();
    assertEquals(List.of(), load(strict).warnings());
  }

  @Test
  void fileMountedFromAKubernetesVolumeIsNotWarnedAbout() throws IOException {
    Path volume = KubernetesVolume.create(dir.resolve("secret"), "..2026_11_30_10_00_00.000000001",
        "fake-k8s-id", "p8e-FAKE-SECRET-k8s");
    Path json = volume.resolve("..2026_11_30_10_00_00.000000001").resolve("credentials.json");
    Files.writeString(json, "{\"client_id\": \"fake-k8s-json\", \"client_secret\": \"p8e-FAKE-SECRET-kj\"}");
    Files.setPosixFilePermissions(json, PosixFilePermissions.fromString("rw-r--r--"));
    Path mounted = Files.createSymbolicLink(volume.resolve("credentials.json"), Path.of("..data/credentials.json"));
    assertEquals(List.of(), load(Fixtures.settingsFor(mounted).build()).warnings());
  }
}
