package dev.fireflyauth.process;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fireflyauth.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shell-script fixtures under {@code src/test/resources/fixtures}, copied into a test's temporary directory
 * and made executable there (resources lose their mode bits when Maven copies them), plus the settings that
 * name them as the credential process.
 */
final class Fixtures {
  /** Every secret a fixture prints: none may ever appear in a message, a log line or the trace. */
  static final List<String> SECRETS = List.of(
      "s3cr3t-from-process-9a7b", "newest-s3cr3t-1111", "older-s3cr3t-2222", "s3cr3t-on-stdout-5c4d",
      "s3cr3t-named-on-stderr", "s3cr3t-background-7e6f", "s3cr3t-stdin-3b2a", "s3cr3t-env-1a0b",
      "s3cr3t-counted-8d9c", "s3cr3t-gated-6f5e", "s3cr3t-chatty-2b1a", "NEAR-s3cr3t-4e3d2c1b", "NEAR-s3cr3t", "4e3d2c1b",
      "12345678901234");

  private final Path dir;

  Fixtures(Path dir) {
    this.dir = dir;
  }

  /** The fixture {@code name}, executable. */
  Path script(String name) {
    Path p = copy(name);
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** The fixture {@code name}, readable but not executable. */
  Path notExecutable(String name) {
    Path p = copy(name);
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** A path in the temporary directory, not created. */
  Path file(String name) {
    return dir.resolve(name);
  }

  private Path copy(String name) {
    Path target = dir.resolve(name);
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      assertNotNull(in, "fixture " + name);
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** {@code words} as one command line, each single-quoted. */
  static String commandLine(Object... words) {
    return Arrays.stream(words).map(w -> "'" + w.toString().replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }

  /** Settings naming {@code commandLine} as the credential process, with a short timeout. */
  static Settings settings(String commandLine) {
    return settings(commandLine, "5");
  }

  /** Settings naming {@code commandLine} as the credential process, with {@code timeout}. */
  static Settings settings(String commandLine, String timeout) {
    return Settings.builder()
        .put(ProcessRequest.COMMAND, commandLine)
        .put(ProcessRequest.TIMEOUT, timeout)
        .build();
  }

  /** How many lines the counter file {@code counter} has: one per run. */
  static int runs(Path counter) {
    try {
      return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pid written to {@code file}. */
  static long pid(Path file) {
    try {
      return Long.parseLong(Files.readString(file).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until process {@code pid} is gone (a killed process lingers until its parent or init reaps it),
   * failing after a generous bound; returns at once when it already is.
   */
  static void assertGone(long pid, String what) {
    long until = System.nanoTime() + 15_000_000_000L;
    while (alive(pid)) {
      if (System.nanoTime() - until > 0) {
        fail(what + " (pid " + pid + ") is still running");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  /** Asserts that process {@code pid} still runs, then kills it: for processes a command was allowed to leave. */
  static void assertRunningThenKill(long pid, String what) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    try {
      assertTrue(h.isPresent() && h.get().isAlive(), what + " (pid " + pid + ") was stopped");
    } finally {
      h.ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static boolean alive(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    return h.isPresent() && h.get().isAlive();
  }

  /** Fails when {@code text} contains any fixture secret. */
  static void assertNoSecret(String text) {
    for (String s : SECRETS) {
      if (text != null && text.contains(s)) {
        fail("a secret leaked into: " + text.replace(s, "<" + s.length() + " secret chars>"));
      }
    }
  }
}
