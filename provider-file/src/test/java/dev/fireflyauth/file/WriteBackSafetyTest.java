package dev.fireflyauth.file;

import static dev.fireflyauth.file.Fixtures.assertMentions;
import static dev.fireflyauth.file.Fixtures.brokenMessage;
import static dev.fireflyauth.file.WriteBacks.NEWEST;
import static dev.fireflyauth.file.WriteBacks.secrets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.SecretWriteBack;
import dev.fireflyauth.testkit.TestSourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write-back keeps the file's mode and owner, writes the real file behind a link, refuses what it must not
 * write (a read-only file or directory, a secret volume, a broken file) with the file unchanged, and never
 * puts a secret into a message. Read-only is judged by the mode as well as by access, so these tests hold
 * when run as root.
 */
class WriteBackSafetyTest {
  private static final Secret SINGLE = Secret.of("p8e-FAKE-SECRET-single");

  @TempDir Path dir;

  @BeforeEach
  void needsPosix() {
    assumeTrue(Fixtures.posix(), "needs POSIX permissions");
  }

  @Test
  void modeIsKept() throws IOException {
    Path file = Fixtures.copy("formats/json/single-secret.json", dir);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    WriteBacks.of(file, null).write(NEWEST, SINGLE);
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(List.of(NEWEST.reveal(), SINGLE.reveal()), secrets(file, null));
  }

  @Test
  void ownerIsKept() throws IOException {
    Path file = Fixtures.copy("formats/json/single-secret.json", dir);
    try {
      Files.setAttribute(file, "unix:uid", 4242);
    } catch (IOException e) {
      abort("changing a file's owner needs root (this test runs in CI, which runs as root)");
    }
    WriteBacks.of(file, null).write(NEWEST, SINGLE);
    assertEquals(4242, Files.getAttribute(file, "unix:uid"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void theRealFileBehindALinkIsWrittenAndTheLinkStays() throws IOException {
    Path real = Fixtures.copy("formats/json/single-secret.json", Files.createDirectory(dir.resolve("store")));
    Path link = Files.createSymbolicLink(dir.resolve("credentials.json"), real);
    SecretWriteBack writeBack = WriteBacks.of(link, null);
    assertEquals("file " + link + " [profile default]", writeBack.describe());
    writeBack.write(NEWEST, SINGLE);
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(real, Files.readSymbolicLink(link));
    assertEquals(List.of(NEWEST.reveal(), SINGLE.reveal()), secrets(real, null));
    assertEquals(List.of(), tempFiles(real.getParent()));
  }

  @Test
  void readOnlyFileIsRefusedUpFrontAndLeftUnchanged() throws IOException {
    Path file = Fixtures.copy("formats/json/single-secret.json", dir);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    byte[] before = Files.readAllBytes(file);
    String message = brokenMessage(() -> WriteBacks.of(file, null));
    assertMentions(message, "file " + file + " [profile default]: cannot write back the new secret: the file is"
        + " read-only (r--------); make it writable (chmod u+w " + file + ")", "the file was left unchanged");
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void fileMadeReadOnlyAfterTheWriteBackWasOpenedIsLeftUnchanged() throws IOException {
    Path file = Fixtures.copy("formats/dotenv/firefly.env", dir);
    SecretWriteBack writeBack = WriteBacks.of(file, null);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
    byte[] before = Files.readAllBytes(file);
    String message = brokenMessage(() -> writeBack.write(NEWEST, Secret.of("p8e-FAKE-SECRET-env#not-a-comment")));
    assertMentions(message, "file " + file, "read-only (r--r-----)", "left unchanged");
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(), tempFiles(dir));
  }

  @Test
  void readOnlyDirectoryIsRefusedAndTheFileLeftUnchanged() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("locked"));
    Path file = Fixtures.copy("formats/json/full.json", sub);
    SecretWriteBack writeBack = WriteBacks.of(file, null);
    byte[] before = Files.readAllBytes(file);
    Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-x------"));
    try {
      String message = brokenMessage(() -> writeBack.write(NEWEST, Secret.of("p8e-FAKE-SECRET-newest")));
      assertMentions(message, "file " + file, "its directory " + sub + " is read-only (r-x------)", "left unchanged");
      assertArrayEquals(before, Files.readAllBytes(file));
    } finally {
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
    }
    assertEquals(List.of(), tempFiles(sub));
  }

  @Test
  void kubernetesSecretVolumeIsRefused() throws IOException {
    Path volume = KubernetesVolume.create(dir.resolve("secret"), "..2026_11_30_10_00_00.000000001",
        "fake-k8s-id", "p8e-FAKE-SECRET-k8s");
    assertMentions(brokenMessage(() -> WriteBacks.of(volume, null)), "file " + volume,
        "it is a Kubernetes secret volume", "update the Kubernetes Secret object");
  }

  @Test
  void plainDirectoryOfKeyFilesIsRefused() throws IOException {
    Path volume = Files.createDirectory(dir.resolve("keys"));
    Fixtures.write(volume, "client_id", "fake-id\n");
    Fixtures.write(volume, "client_secret", "p8e-FAKE-SECRET-dir\n");
    assertMentions(brokenMessage(() -> WriteBacks.of(volume, null)),
        "cannot write back a new secret to a directory of one file per key", "Kubernetes Secret object");
  }

  @Test
  void fileMountedFromAKubernetesVolumeIsRefused() throws IOException {
    Path volume = KubernetesVolume.create(dir.resolve("secret"), "..2026_11_30_10_00_00.000000001",
        "fake-k8s-id", "p8e-FAKE-SECRET-k8s");
    Files.writeString(volume.resolve("..2026_11_30_10_00_00.000000001").resolve("credentials.json"),
        "{\"client_id\": \"fake-k8s-json\", \"client_secret\": \"p8e-FAKE-SECRET-kj\"}");
    Path mounted = Files.createSymbolicLink(volume.resolve("credentials.json"), Path.of("..data/credentials.json"));
    assertMentions(brokenMessage(() -> WriteBacks.of(mounted, null)), "mounted from a Kubernetes secret volume");
  }

  @Test
  void brokenFileIsRefusedUpFrontInTheOneJsonWording() throws IOException {
    Path file = Fixtures.copy("bad/truncated.json", dir);
    assertEquals("file " + file + " [profile default] is not valid JSON: unexpected end of input at line 4, column 1",
        brokenMessage(() -> WriteBacks.of(file, null)));
  }

  @Test
  void strictModeRefusesALooseFileAsALoadWould() throws IOException {
    Path file = Fixtures.copy("formats/json/full.json", dir);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    Settings strict = Fixtures.settingsFor(file).put(Setting.FILE_STRICT, "true").build();
    assertMentions(brokenMessage(() -> WriteBacks.of(TestSourceContext.of(strict))), "is refused");
  }

  @Test
  void noFileConfiguredMeansNoWriteBack(@TempDir Path home) {
    TestSourceContext context = TestSourceContext.of(Settings.builder().put("user.home", home.toString()).build());
    assertTrue(new FileCredentialSource().writeBack(context).isEmpty());
  }

  @Test
  void aControlCharacterInTheNewSecretIsRefusedForDotenvWithoutQuotingIt() throws IOException {
    Path file = Fixtures.copy("formats/dotenv/firefly.env", dir);
    byte[] before = Files.readAllBytes(file);
    String message = brokenMessage(() -> WriteBacks.of(file, null)
        .write(Secret.of("p8e-FAKE-SECRET-\nline"), Secret.of("p8e-FAKE-SECRET-env#not-a-comment")));
    assertMentions(message, "contains a control character");
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void noSecretInAnyWriteBackMessage() throws IOException {
    // Fixtures.brokenMessage scans each message and its causes; here every refusal of this class once more,
    // with the secrets of the write itself as the values to look for.
    Path file = Fixtures.copy("formats/json/full.json", dir);
    SecretWriteBack writeBack = WriteBacks.of(file, null);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    for (Consumer<SecretWriteBack> call : List.<Consumer<SecretWriteBack>>of(
        w -> w.write(NEWEST, Secret.of("p8e-FAKE-SECRET-newest")), w -> w.remove(Secret.of("p8e-FAKE-SECRET-older")))) {
      String message = brokenMessage(() -> call.accept(writeBack));
      assertFalse(message.contains(NEWEST.reveal()) || message.contains("p8e"), message);
    }
  }

  private static List<Path> tempFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
