package dev.fireflyauth.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testkit.TestSourceContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that disappears between the look and the read is a rotation in progress (an editor's rename, the
 * directory Kubernetes removes after a {@code ..data} swap): a transient fault, not a broken configuration.
 */
class RotationRaceTest {

  @Test
  void aFileDeletedBeforeItIsReadIsTransient(@TempDir Path dir) {
    Path gone = dir.resolve("credentials.json");
    FileRequest request = new FileRequest(gone, "setting firefly.credentials.file", "default", "the default");
    FileReading reading = new FileReading(request, true, TestSourceContext.of(Settings.builder().build()));
    TransientException e = assertThrows(TransientException.class, () -> TextFile.read(gone, "", reading));
    assertEquals(FireflyAuthException.Kind.TRANSIENT, e.kind());
    assertEquals("file " + gone + " [profile default]: disappeared while being read (a rotation in progress?); the next attempt"
        + " reads the new file", e.getMessage());
  }
}
