package dev.fireflyauth.file;

import dev.fireflyauth.testing.LeakScan;
import dev.fireflyauth.testkit.TestSourceContext;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Test files and the one way tests load them. Every fake secret in {@code src/test/resources} contains
 * {@link #SECRET_MARKER}, so a message can be scanned for any of them at once; messages, warnings and
 * credentials' {@code toString()} are also handed to api's {@link LeakScan}, which checks them (and the logs)
 * for the values tests declare sensitive.
 */
final class Fixtures {
  static final String SECRET_MARKER = "FAKE-SECRET";

  private Fixtures() {}

  /** Copies test resource {@code name} into {@code dir} (mode 600 where POSIX) and returns the copy. */
  static Path copy(String name, Path dir) {
    return copy(name, dir, Path.of(name).getFileName().toString());
  }

  /** Copies test resource {@code name} to {@code dir/fileName} (mode 600 where POSIX). */
  static Path copy(String name, Path dir, String fileName) {
    Path target = dir.resolve(fileName);
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      ownerOnly(target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code text} to {@code dir/name} with mode 600 where POSIX. */
  static Path write(Path dir, String name, String text) throws IOException {
    Path p = Files.writeString(dir.resolve(name), text);
    ownerOnly(p);
    return p;
  }

  static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  static void ownerOnly(Path p) throws IOException {
    if (posix()) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /** Settings naming {@code path} in {@code FIREFLY_CREDENTIALS_FILE}. */
  static Settings.Builder settingsFor(Path path) {
    return Settings.builder().environment(java.util.Map.of(Setting.CREDENTIALS_FILE.env(), path.toString()));
  }

  /** Loads {@code path} named by {@code FIREFLY_CREDENTIALS_FILE}; fails when the source reports absent. */
  static ClientCredentials load(Path path) {
    return load(new FileCredentialSource(), TestSourceContext.of(settingsFor(path).build()));
  }

  static ClientCredentials load(FileCredentialSource source, TestSourceContext context) {
    Optional<ClientCredentials> c = source.load(context);
    assertTrue(c.isPresent(), () -> "expected credentials, source said: " + context.reason());
    LeakScan.record(c.get());
    context.warnings().forEach(LeakScan::record);
    assertNoSecret(c.get().toString());
    return c.get();
  }

  /** Loading {@code path} fails as broken; the message is checked for secrets and returned. */
  static String brokenMessage(Path path) {
    return brokenMessage(() -> load(path));
  }

  static String brokenMessage(Runnable load) {
    CredentialSourceException e = LeakScan.record(assertThrows(CredentialSourceException.class, load::run));
    assertTrue(e.kind() == FireflyAuthException.Kind.BROKEN);
    assertTrue(e.source().equals(FileCredentialSource.NAME), e.source());
    assertNoSecret(e.getMessage());
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      assertNoSecret(String.valueOf(t.getMessage()));
    }
    return e.getMessage();
  }

  static void assertNoSecret(String text) {
    assertFalse(text.contains(SECRET_MARKER), () -> "a secret leaked into: " + text);
  }

  /** Asserts {@code text} contains every one of {@code parts}, showing the text when it does not. */
  static void assertMentions(String text, String... parts) {
    for (String p : parts) {
      assertTrue(text.contains(p), () -> "expected '" + p + "' in: " + text);
    }
  }
}
