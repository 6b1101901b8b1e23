package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/firefly-auth}'s class-data archive with real processes, on the JDK running this build (AppCDS on
 * JDK 17-23, the AOT cache on 24+): missing, stale, truncated, read-only, owned by another user, built by six
 * first runs at once, turned off, and a JVM the launcher cannot identify. The checks live in
 * {@code src/test/sh/launcher-test.sh} because they are about a shell script; this runs them in the test command.
 */
class LauncherIT {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theLauncherRunsWithAndWithoutItsArchiveInEveryCase() throws Exception {
    Path script = Path.of("src/test/sh/launcher-test.sh").toAbsolutePath();
    Path log = tmp.resolve("launcher-test.log");
    Process p = new ProcessBuilder("bash", script.toString(), System.getProperty("java.home"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      assertTrue(p.waitFor(4, TimeUnit.MINUTES), "launcher-test.sh did not finish");
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.matches("(?s).*launcher-test: [1-9][0-9]* passed, 0 failed.*"), out);
  }
}
