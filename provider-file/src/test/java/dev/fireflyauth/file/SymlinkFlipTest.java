package dev.fireflyauth.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testkit.TestSourceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check-then-read must not be racy: a link flipped between an owner-only file and a world-readable one, as
 * fast as a thread can rename, while strict loads run. The world-readable file must never be loaded; a
 * version that checked the path and then opened it again loaded it dozens of times before both files had
 * been seen {@value #MIN_EACH} times. Loads alternate between bypassing the cache and using it, so both paths
 * are raced. The test stops on counts, not on time.
 */
class SymlinkFlipTest {
  private static final int MIN_EACH = 1000;
  private static final int MAX_LOADS = 50_000;

  @TempDir Path dir;

  @Test
  void aFlippingLinkNeverLoadsTheLooseFileInStrictMode() throws Exception {
    assumeTrue(Fixtures.posix(), "needs POSIX permissions");
    Path tight = Fixtures.write(dir, "tight.json", json("p8e-FAKE-SECRET-tight"));
    Path loose = Fixtures.write(dir, "loose.json", json("p8e-FAKE-SECRET-loose"));
    Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(dir.resolve("credentials.json"), tight);

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger flips = new AtomicInteger();
    Thread flipper = new Thread(() -> {
      Path next = dir.resolve("credentials.json.next");
      while (!stop.get()) {
        try {
          Files.deleteIfExists(next);
          Files.createSymbolicLink(next, flips.get() % 2 == 0 ? loose : tight);
          Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          flips.incrementAndGet();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }, "link-flipper");

    FileCredentialSource source = new FileCredentialSource();
    TestSourceContext cached = TestSourceContext.of(Fixtures.settingsFor(link).put(Setting.FILE_STRICT, "true").build());
    TestSourceContext uncached = cached.bypassingCaches();
    int tightLoads = 0;
    int looseLoads = 0;
    int refused = 0;
    int loads = 0;
    flipper.start();
    try {
      while (loads < MAX_LOADS && (tightLoads < MIN_EACH || refused < MIN_EACH)) {
        loads++;
        try {
          String secret = source.load(loads % 2 == 0 ? cached : uncached).orElseThrow().secrets().get(0).reveal();
          if (secret.endsWith("loose")) {
            looseLoads++;
          } else {
            tightLoads++;
          }
        } catch (CredentialSourceException e) {
          Fixtures.assertMentions(e.getMessage(), "readable by group and others", "is refused");
          refused++;
        } catch (TransientException e) {
          // the link moved while being resolved: the next load reads again
        }
      }
    } finally {
      stop.set(true);
      flipper.join();
    }
    assertEquals(0, looseLoads, "the loose file was loaded");
    assertTrue(flips.get() > 0, "the link never flipped");
    assertTrue(tightLoads >= MIN_EACH && refused >= MIN_EACH,
        "both files must be seen often enough to prove anything: " + tightLoads + " loads, " + refused + " refusals");
  }

  private static String json(String secret) {
    return "{\"client_id\": \"fake-flip-id\", \"client_secret\": \"" + secret + "\"}";
  }
}
