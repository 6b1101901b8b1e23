package dev.fireflyauth.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.agent.AgentTokenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent token file on the agent's side: created safely, refused when loose, re-read when rotated. */
class AgentTokenGuardTest {
  @TempDir Path dir;

  private static AgentTokenGuard open(Path p) {
    return AgentTokenGuard.open(AgentTokenFile.of(p, "--auth-token-file"), new SecureRandom());
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aMissingFileIsCreated0600In0700DirectoriesWith32RandomBytes() throws Exception {
    Path file = dir.resolve("a/b/agent-token");
    AgentTokenGuard guard = open(file);
    assertTrue(guard.created());
    assertEquals("rw-------", mode(file));
    assertEquals("rwx------", mode(dir.resolve("a")));
    assertEquals("rwx------", mode(dir.resolve("a/b")));
    String content = Files.readString(file);
    assertTrue(content.matches("[A-Za-z0-9_-]{43}\n"), content);
    assertTrue(guard.accepts(List.of(content.strip())));
    try (var files = Files.list(dir.resolve("a/b"))) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
    assertNotEquals(content, Files.readString(created(dir.resolve("other"))), "each agent token is random");
  }

  private static Path created(Path p) {
    open(p);
    return p;
  }

  @Test
  void anExistingFileIsUsedAsItIs() throws Exception {
    Path file = dir.resolve("agent-token");
    Files.writeString(file, "my-own-agent-token-of-some-length\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    AgentTokenGuard guard = open(file);
    assertFalse(guard.created());
    assertTrue(guard.accepts(List.of("Bearer my-own-agent-token-of-some-length")));
    assertEquals("my-own-agent-token-of-some-length\n", Files.readString(file));
  }

  @Test
  void aFileItsGroupOrOthersMayReadOrChangeIsRefused() throws Exception {
    Path file = dir.resolve("agent-token");
    Files.writeString(file, "my-own-agent-token-of-some-length");
    for (String loose : List.of("rw-r--r--", "rw-rw----", "rw-----w-", "r--r-----")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(loose));
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> open(file));
      assertEquals("agent token file " + file + " (--auth-token-file) has mode " + loose + ": its group or others"
          + " could read or replace it and take tokens from the agent, so it is refused; run: chmod 600 " + file,
          e.getMessage());
    }
  }

  @Test
  void aFileThatCannotBeCreatedIsABrokenConfiguration() throws Exception {
    Path notADir = Files.writeString(dir.resolve("plain"), "x");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> open(notADir.resolve("agent-token")));
    assertEquals("agent token file " + notADir.resolve("agent-token") + " (--auth-token-file)"
        + " does not exist and cannot be created (FileAlreadyExistsException: " + notADir + ")", e.getMessage());
  }

  @Test
  void aRotatedFileIsReadAgainAndABrokenReplacementIsIgnoredWithOneWarning() throws Exception {
    Path file = dir.resolve("agent-token");
    AgentTokenGuard guard = open(file);
    String first = Files.readString(file).strip();
    replace(file, "the-rotated-agent-token-value-1234");
    assertTrue(guard.accepts(List.of("the-rotated-agent-token-value-1234")));
    assertFalse(guard.accepts(List.of(first)), "the old token is no longer accepted");
    List<String> warnings = new ArrayList<>();
    Handler h = capture(warnings);
    try {
      replace(file, "short");
      for (int i = 0; i < 5; i++) {
        assertTrue(guard.accepts(List.of("the-rotated-agent-token-value-1234")));
      }
      Files.delete(file);
      assertTrue(guard.accepts(List.of("the-rotated-agent-token-value-1234")), "a deleted file leaves the token");
    } finally {
      Logger.getLogger("").removeHandler(h);
    }
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("agent token file " + file + " (--auth-token-file) holds a token of 5"
        + " characters"), warnings.get(0));
    assertTrue(warnings.get(0).endsWith("; the agent keeps accepting the token it read before"), warnings.get(0));
    assertTrue(warnings.get(1).startsWith("agent token file " + file + " (--auth-token-file) cannot be read"),
        warnings.get(1));
    for (String w : warnings) {
      assertFalse(w.contains("the-rotated-agent-token-value-1234") || w.contains(first), w);
    }
  }

  /** Writes {@code content} to a 0600 file beside {@code file} and renames it over it, as a rotation does. */
  private static void replace(Path file, String content) throws Exception {
    Path tmp = Files.createTempFile(file.getParent(), "rotate", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Handler capture(List<String> into) {
    Handler h = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()
            && r.getLoggerName().equals(AgentTokenGuard.class.getName())) {
          synchronized (into) {
            into.add(r.getMessage());
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger.getLogger("").addHandler(h);
    return h;
  }
}
