package dev.fireflyauth.process;

import static dev.fireflyauth.process.Fixtures.commandLine;
import static dev.fireflyauth.process.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.testkit.TestSourceContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Commands that fail, cannot start, or print something that is not credentials: broken, never echoed. */
class ProcessFailureTest {
  @TempDir Path tmp;
  private final ProcessCredentialSource source = new ProcessCredentialSource();

  private CredentialSourceException broken(String commandLine) {
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> source.load(TestSourceContext.of(settings(commandLine))));
    assertEquals(FireflyAuthException.Kind.BROKEN, e.kind());
    assertEquals("process", e.source());
    Fixtures.assertNoSecret(e.getMessage());
    return e;
  }

  @Test
  void aNonZeroExitNamesTheExecutableTheCodeAndTheCleanedLastLineOfStderr() {
    Path script = new Fixtures(tmp).script("fail.sh");

    CredentialSourceException e = broken(commandLine(script, "--token", "hvs.ARGUMENT-TOKEN-77"));

    assertEquals("process fail.sh (setting firefly.credential.process) exited with code 1: [ERROR] not signed in"
        + " (cached [redacted], client_secret=[redacted]", e.getMessage());
    assertTrue(!e.getMessage().contains("failing-client"), "stdout is never echoed: " + e.getMessage());
    assertTrue(!e.getMessage().contains("ARGUMENT-TOKEN"), e.getMessage());
  }

  @Test
  void aNonZeroExitWithoutStderrSaysSo() {
    CredentialSourceException e = broken("false");

    assertEquals("process false (setting firefly.credential.process) exited with code 1 and wrote nothing to"
        + " stderr", e.getMessage());
  }

  @Test
  void aMissingExecutableOnPathIsBroken() {
    CredentialSourceException e = broken("firefly-no-such-tool-4711 read x");

    assertTrue(e.getMessage().startsWith("process firefly-no-such-tool-4711 (setting firefly.credential.process)"
        + " could not be started: it was not found on PATH; install it, or write the command with its full path"),
        e.getMessage());
  }

  @Test
  void aMissingFileIsBroken() {
    CredentialSourceException e = broken(commandLine(tmp.resolve("nowhere/creds.sh"), "x"));

    assertTrue(e.getMessage().startsWith("process creds.sh (setting firefly.credential.process) could not be"
        + " started: there is no such file"), e.getMessage());
    assertTrue(!e.getMessage().contains(tmp.toString()), "the executable's name only: " + e.getMessage());
  }

  @Test
  void aNonExecutableFileIsBroken() {
    Path script = new Fixtures(tmp).notExecutable("success.sh");

    CredentialSourceException e = broken(commandLine(script));

    assertTrue(e.getMessage().startsWith("process success.sh (setting firefly.credential.process) could not be"
        + " started: the file is not executable (chmod +x it)"), e.getMessage());
  }

  @Test
  void aDirectoryIsBroken() {
    CredentialSourceException e = broken(commandLine(tmp));

    assertTrue(e.getMessage().contains("could not be started: it is a directory"), e.getMessage());
  }

  @Test
  void aScriptWhoseInterpreterIsMissingIsBroken() {
    Path script = new Fixtures(tmp).script("bad-shebang.sh");

    CredentialSourceException e = broken(commandLine(script));

    assertTrue(e.getMessage().contains("could not be started: the interpreter named by its #! line was not found"),
        e.getMessage());
  }

  @Test
  void tenMegabytesOfOutputAreRefusedAndTheCommandIsStopped() {
    Path script = new Fixtures(tmp).script("flood.sh");

    CredentialSourceException e = broken(commandLine(script));

    assertEquals("process flood.sh (setting firefly.credential.process) wrote more than 64 KiB to stdout and was"
        + " stopped; it must print one JSON object with the credentials", e.getMessage());
  }

  static Stream<Arguments> badOutput() {
    String subject = "the output of process output.sh (setting firefly.credential.process)";
    String expected = "; expected {\"client_id\": \"…\", \"client_secret\": \"…\"} on stdout";
    return Stream.of(
        Arguments.of("invalid", subject + " is not valid JSON: unexpected '}' at line 1, column 39" + expected),
        Arguments.of("comma-after-secret",
            subject + " is not valid JSON: expected ',' or '}' at line 1, column 70" + expected),
        Arguments.of("unterminated-secret",
            subject + " is not valid JSON: unexpected end of input inside a string at line 1, column 68" + expected),
        Arguments.of("control-in-secret",
            subject + " is not valid JSON: control character inside a string (escape it) at line 1, column 59"
                + expected),
        Arguments.of("single-quoted",
            subject + " is not valid JSON: expected a quoted key at line 1, column 2" + expected),
        Arguments.of("trailing",
            subject + " is not valid JSON: unexpected text after the JSON value at line 1, column 71" + expected),
        Arguments.of("empty", subject + " is not valid JSON: no JSON value (the text is empty) at line 1, column 1"
            + "; its stderr ended with: op: nothing to print" + expected),
        Arguments.of("bare-secret", subject + " is not valid JSON: unexpected character at line 1, column 1"
            + expected),
        Arguments.of("array", subject + " must be a JSON object, found an array" + expected),
        Arguments.of("missing-id",
            subject + ": missing 'client_id' (the client ID; also read as 'FIREFLY_SERVICES_CLIENT_ID')"),
        Arguments.of("missing-secret", subject + ": missing 'client_secret' or 'client_secrets' (the client secret;"
            + " also read as 'FIREFLY_SERVICES_CLIENT_SECRET')"),
        Arguments.of("secret-number", subject + ": 'client_secret' must be a string, found a number"),
        Arguments.of("not-utf8", subject + " is not UTF-8 text" + expected),
        Arguments.of("bad-expires", subject + ": 'expires_at' must be an ISO-8601 time with a zone or offset,"
            + " e.g. 2026-12-01T10:00:00Z"),
        Arguments.of("local-expires", subject + ": 'expires_at' must be an ISO-8601 time with a zone or offset,"
            + " e.g. 2026-12-01T10:00:00Z"),
        Arguments.of("number-expires", subject + ": 'expires_at' must be an ISO-8601 time with a zone or offset,"
            + " e.g. 2026-12-01T10:00:00Z, found a number"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badOutput")
  void unusableOutputIsBrokenWithTheSharedWordingAndNeverQuoted(String variant, String message) {
    Path script = new Fixtures(tmp).script("output.sh");

    CredentialSourceException e = broken(commandLine(script, variant));

    assertEquals(message, e.getMessage());
    assertTrue(!e.getMessage().contains("near-client") && !e.getMessage().contains("caf"), e.getMessage());
  }

  @Test
  void theSecretRightAtTheErrorPositionIsNeverEchoed() throws Exception {
    Path script = new Fixtures(tmp).script("output.sh");
    String out = new String(new ProcessBuilder(script.toString(), "comma-after-secret").start()
        .getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    String secret = "NEAR-s3cr3t-4e3d2c1b";
    int column = out.indexOf(secret) + secret.length() + 3; // 1-based, past the closing quote and one space

    CredentialSourceException e = broken(commandLine(script, "comma-after-secret"));

    assertTrue(e.getMessage().contains("at line 1, column " + column), "the error is right after the secret: "
        + e.getMessage());
    assertTrue(e.getCause() == null, "no parser exception that could quote the input is attached");
  }

  @Test
  void aFailureIsNotKeptTheNextLoadRunsAgain() {
    Fixtures f = new Fixtures(tmp);
    Path script = f.script("failing-counted.sh");
    Path counter = f.file("runs");
    TestSourceContext ctx = TestSourceContext.of(settings(commandLine(script, counter)));

    CredentialSourceException first = assertThrows(CredentialSourceException.class, () -> source.load(ctx));
    assertThrows(CredentialSourceException.class, () -> source.load(ctx));

    assertEquals(2, Fixtures.runs(counter));
    assertTrue(first.getMessage().endsWith("exited with code 2: vault: connection refused"), first.getMessage());
    assertTrue(Files.exists(counter));
  }
}
