package dev.fireflyauth.file;

import dev.fireflyauth.testkit.TestSourceContext;
import static dev.fireflyauth.file.Fixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fireflyauth.ClientCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A later {@code load} sees a changed file and does not re-parse an unchanged one. Secrets in one test have
 * equal lengths on purpose, so only the inode, the modification time or the {@code ..data} target can tell.
 */
class ReloadTest {
  @TempDir Path dir;
  private final FileCredentialSource source = new FileCredentialSource();
  private Path file;
  private TestSourceContext context;

  @BeforeEach
  void writeFirstVersion() throws IOException {
    file = Fixtures.write(dir, "credentials.json", json("p8e-FAKE-SECRET-v1"));
    context = TestSourceContext.of(Fixtures.settingsFor(file).build());
  }

  private static String json(String secret) {
    return "{\"client_id\": \"fake-rotating-id\", \"client_secret\": \"" + secret + "\"}\n";
  }

  private String secret(TestSourceContext ctx) {
    return load(source, ctx).secrets().get(0).reveal();
  }

  @Test
  void fileEditedInPlaceIsReadAgain() throws IOException {
    assertEquals("p8e-FAKE-SECRET-v1", secret(context));
    Files.writeString(file, json("p8e-FAKE-SECRET-version-2"));
    assertEquals("p8e-FAKE-SECRET-version-2", secret(context));
  }

  @Test
  void unchangedFileIsNotParsedAgainUntilARefreshIsAsked() throws IOException {
    ClientCredentials first = load(source, context);
    FileTime mtime = Files.getLastModifiedTime(file);
    // Same inode, same size, same mtime: nothing a stat can see. Serving the first result proves that the
    // file was not read again; a refresh (after IMS rejected the credentials) must read it regardless.
    Files.writeString(file, json("p8e-FAKE-SECRET-v2"));
    Files.setLastModifiedTime(file, mtime);
    assertEquals("p8e-FAKE-SECRET-v1", secret(context));
    assertEquals(first, load(source, context));
    assertEquals("p8e-FAKE-SECRET-v2", secret(context.bypassingCaches()));
  }

  @Test
  void fileReplacedByAtomicRenameIsPickedUpEvenWithSameSizeAndTime() throws IOException {
    assertEquals("p8e-FAKE-SECRET-v1", secret(context));
    Path next = Fixtures.write(dir, ".credentials.json.tmp", json("p8e-FAKE-SECRET-v2"));
    Files.setLastModifiedTime(next, Files.getLastModifiedTime(file));
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    assertEquals("p8e-FAKE-SECRET-v2", secret(context));
  }

  @Test
  void kubernetesDataLinkSwapIsPickedUp() throws IOException {
    Path volume = KubernetesVolume.create(
        dir.resolve("secret"), "..2026_11_30_10_00_00.000000001", "fake-k8s-id", "p8e-FAKE-SECRET-k8s-v1");
    TestSourceContext ctx = TestSourceContext.of(Fixtures.settingsFor(volume).build());
    assertEquals("p8e-FAKE-SECRET-k8s-v1", secret(ctx));
    KubernetesVolume.update(volume, "..2026_11_30_11_00_00.000000002", "fake-k8s-id", "p8e-FAKE-SECRET-k8s-v2");
    assertEquals("p8e-FAKE-SECRET-k8s-v2", secret(ctx));
  }

  @Test
  void eachProfileOfOneFileIsCachedOnItsOwn() throws IOException {
    Path profiles = Fixtures.copy("formats/json/profiles.json", dir);
    TestSourceContext dev = TestSourceContext.of(Fixtures.settingsFor(profiles).build());
    TestSourceContext prod = TestSourceContext.of(Fixtures.settingsFor(profiles).build(), "firefly:file:" + profiles + "?profile=prod");
    assertEquals("fake-dev-client-id", load(source, dev).clientId());
    assertEquals("fake-prod-client-id", load(source, prod).clientId());
    assertEquals("fake-dev-client-id", load(source, dev).clientId());
  }
}
