package dev.fireflyauth.file;

import dev.fireflyauth.testkit.TestSourceContext;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files that group or others may read or write, or that another user owns, draw a warning, or are refused in
 * strict mode; only a genuine Kubernetes secret volume layout is exempt. These tests need a POSIX file
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

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "rw--w----, writable by its group",
    "rw-----w-, writable by others",
    "rw-rw-rw-, readable and writable by group and others",
    "rw-r---w-, readable by its group and writable by others"
  })
  void writeBitsCountLikeReadBits(String mode, String what) throws IOException {
    Path file = readableBy(mode);
    assertMentions(load(Fixtures.settingsFor(file).build()).warnings().get(0),
        "file " + file + " is " + what + " (" + mode + ")", "chmod 600 " + file);
    String message = brokenMessage(() -> load(Fixtures.settingsFor(file).put(Setting.FILE_STRICT, "true").build()));
    assertMentions(message, "is " + what + " (" + mode + ") and is refused", "chmod 600 " + file);
  }

  @Test
  void fileOwnedByAnotherUserIsRefusedInStrictModeAndWarnedOtherwise() throws IOException {
    Path file = readableBy("rw-------");
    assumeTrue(chown(file, 4242), "changing a file's owner needs root");
    String me = System.getProperty("user.name");
    List<String> warnings = load(Fixtures.settingsFor(file).build()).warnings();
    assertEquals(1, warnings.size());
    assertMentions(warnings.get(0), "file " + file + " is owned by user '4242', not by '" + me + "' who runs this"
        + " process (rw-------)", "run: chown " + me + " " + file);
    String message = brokenMessage(() -> load(Fixtures.settingsFor(file).put(Setting.FILE_STRICT, "true").build()));
    assertMentions(message, "is owned by user '4242'", "is refused because FIREFLY_FILE_STRICT");
  }

  @Test
  void looseModeAndForeignOwnerAreNamedTogether() throws IOException {
    Path file = readableBy("rw-r--r--");
    assumeTrue(chown(file, 4242), "changing a file's owner needs root");
    assertMentions(load(Fixtures.settingsFor(file).build()).warnings().get(0),
        "is readable by group and others and owned by user '4242'", "run: chown ", " && chmod 600 " + file);
  }

  @Test
  void danglingDataLinkInTheDirectoryDoesNotDisableTheCheck() throws IOException {
    Path file = readableBy("rw-r--r--");
    Files.createSymbolicLink(dir.resolve(FileState.K8S_DATA_LINK), Path.of("..2026_11_30_10_00_00.000000001"));
    assertMentions(brokenMessage(() -> load(Fixtures.settingsFor(file).put(Setting.FILE_STRICT, "true").build())),
        "readable by group and others", "is refused");
  }

  @Test
  void plainFileNextToAGenuineDataLinkIsChecked() throws IOException {
    Path volume = KubernetesVolume.create(dir.resolve("secret"), "..2026_11_30_10_00_00.000000001",
        "fake-k8s-id", "p8e-FAKE-SECRET-k8s");
    Path plain = Fixtures.write(volume, "credentials.json",
        "{\"client_id\": \"fake-plain\", \"client_secret\": \"p8e-FAKE-SECRET-plain\"}");
    Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
    assertMentions(brokenMessage(() -> load(Fixtures.settingsFor(plain).put(Setting.FILE_STRICT, "true").build())),
        "readable by group and others", "is refused");
  }

  @Test
  void linkIntoADataLinkThatPointsOutsideTheDirectoryIsChecked() throws IOException {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path target = Fixtures.write(elsewhere, "credentials.json",
        "{\"client_id\": \"fake-out\", \"client_secret\": \"p8e-FAKE-SECRET-out\"}");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    Path volume = Files.createDirectory(dir.resolve("volume"));
    Files.createSymbolicLink(volume.resolve(FileState.K8S_DATA_LINK), elsewhere);
    Path link = Files.createSymbolicLink(volume.resolve("credentials.json"), Path.of("..data/credentials.json"));
    assertMentions(brokenMessage(() -> load(Fixtures.settingsFor(link).put(Setting.FILE_STRICT, "true").build())),
        "readable by group and others", "is refused");
  }

  @Test
  void dataLinkToADirectoryThatIsNotAKubeletVersionIsChecked() throws IOException {
    Path volume = Files.createDirectory(dir.resolve("volume"));
    Path data = Files.createDirectory(volume.resolve("..not-a-version"));
    Path target = Fixtures.write(data, "client_secret", "p8e-FAKE-SECRET-nv\n");
    Fixtures.write(data, "client_id", "fake-nv\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    Files.createSymbolicLink(volume.resolve(FileState.K8S_DATA_LINK), Path.of("..not-a-version"));
    Files.createSymbolicLink(volume.resolve("client_id"), Path.of("..data/client_id"));
    Files.createSymbolicLink(volume.resolve("client_secret"), Path.of("..data/client_secret"));
    assertMentions(brokenMessage(() -> load(Fixtures.settingsFor(volume).put(Setting.FILE_STRICT, "true").build())),
        "entry 'client_secret' is readable by group and others", "is refused");
  }

  /** Gives {@code file} to user id {@code uid}; false when this process may not (it is not root). */
  private static boolean chown(Path file, int uid) {
    try {
      Files.setAttribute(file, "unix:uid", uid);
      return true;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
