package dev.fireflyauth.process;

import static dev.fireflyauth.process.Fixtures.commandLine;
import static dev.fireflyauth.process.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testkit.TestSourceContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hard limits of a run: timeout with the whole tree stopped, stdin closed, environment passed through. */
class ProcessLimitsTest {
  @TempDir Path tmp;
  /** A short grace between SIGTERM and SIGKILL keeps the test run short. */
  private final ProcessCredentialSource source = new ProcessCredentialSource(Duration.ofMillis(300));

  @Test
  void aHangingCommandTimesOutAndItAndItsChildrenAreStopped() {
    Fixtures f = new Fixtures(tmp);
    Path script = f.script("hang.sh");
    Path childPid = f.file("child.pid");
    Path selfPid = f.file("self.pid");

    TransientException e = assertThrows(TransientException.class,
        () -> source.load(TestSourceContext.of(settings(commandLine(script, childPid, selfPid), "0.5"))));

    assertEquals(FireflyAuthException.Kind.TRANSIENT, e.kind());
    assertEquals("process hang.sh (setting firefly.credential.process) did not finish within 0.5 s and was stopped"
        + " with the processes it started; if it needs longer, raise FIREFLY_CREDENTIAL_PROCESS_TIMEOUT /"
        + " firefly.credential.process.timeout", e.getMessage());
    Fixtures.assertGone(Fixtures.pid(selfPid), "the command");
    Fixtures.assertGone(Fixtures.pid(childPid), "the command's child");
  }

  @Test
  void aCommandIgnoringSigtermIsKilledAfterTheGracePeriod() {
    Fixtures f = new Fixtures(tmp);
    Path script = f.script("stubborn.sh");
    Path childPid = f.file("child.pid");
    Path selfPid = f.file("self.pid");

    assertThrows(TransientException.class,
        () -> source.load(TestSourceContext.of(settings(commandLine(script, childPid, selfPid), "0.3"))));

    Fixtures.assertGone(Fixtures.pid(selfPid), "the command");
    Fixtures.assertGone(Fixtures.pid(childPid), "the command's child");
  }

  @Test
  void aBackgroundProcessHoldingStdoutOpenNeitherHoldsUpTheAnswerNorIsStopped() {
    Fixtures f = new Fixtures(tmp);
    Path script = f.script("background.sh");
    Path childPid = f.file("child.pid");

    // Were the runner waiting for the pipe to close, the 300 s sleep would make this a timeout.
    ClientCredentials c = source.load(TestSourceContext.of(settings(commandLine(script, childPid), "20"))).orElseThrow();

    assertEquals("background-client", c.clientId());
    Fixtures.assertRunningThenKill(Fixtures.pid(childPid), "the background process");
  }

  @Test
  void whatACommandWroteBeforeExitingAtOnceIsReadWholeEveryTime() {
    // The JDK takes over a pipe when its process exits; the answer must not depend on when that happens.
    Fixtures f = new Fixtures(tmp);
    Path script = f.script("background-fast.sh");
    for (int i = 0; i < 20; i++) {
      Path childPid = f.file("child-" + i + ".pid");
      ClientCredentials c =
          source.load(TestSourceContext.of(settings(commandLine(script, childPid), "20"))).orElseThrow();
      assertEquals("background-client", c.clientId(), "run " + i);
      Fixtures.assertRunningThenKill(Fixtures.pid(childPid), "the background process of run " + i);
    }
  }

  @Test
  void aFailureIsReportedWithItsStderrWhileABackgroundProcessHoldsThePipes() {
    Fixtures f = new Fixtures(tmp);
    Path script = f.script("background-stderr.sh");
    Path childPid = f.file("child.pid");

    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> source.load(TestSourceContext.of(settings(commandLine(script, childPid), "20"))));

    assertEquals("process background-stderr.sh (setting firefly.credential.process) exited with code 3:"
        + " vault: sealed, unseal it first", e.getMessage());
    Fixtures.assertRunningThenKill(Fixtures.pid(childPid), "the background process");
  }

  @Test
  void aCommandWritingMoreToStderrThanAPipeHoldsIsNotBlocked() {
    Path script = new Fixtures(tmp).script("chatty.sh");

    ClientCredentials c = source.load(TestSourceContext.of(settings(commandLine(script), "20"))).orElseThrow();

    assertEquals("chatty-client", c.clientId());
  }

  @Test
  void aCommandFloodingStderrWithoutEndStillTimesOut() {
    Path script = new Fixtures(tmp).script("flood-stderr.sh");

    TransientException e = assertThrows(TransientException.class,
        () -> source.load(TestSourceContext.of(settings(commandLine(script), "1"))));

    assertTrue(e.getMessage().startsWith("process flood-stderr.sh (setting firefly.credential.process) did not"
        + " finish within 1 s and was stopped"), e.getMessage());
  }

  @Test
  void aProcessLeftWritingToStderrAfterTheCommandExitedDoesNotHoldUpTheAnswer() {
    Path script = new Fixtures(tmp).script("background-writer.sh");

    ClientCredentials c = source.load(TestSourceContext.of(settings(commandLine(script), "20"))).orElseThrow();

    assertEquals("background-client", c.clientId());
  }

  @Test
  void stdinIsClosedSoAPromptSeesEndOfInputAtOnce() {
    Path script = new Fixtures(tmp).script("stdin.sh");

    // With stdin left open, the fixture would block in `read` until the timeout.
    assertEquals("stdin-client",
        source.load(TestSourceContext.of(settings(commandLine(script), "20"))).orElseThrow().clientId());
  }

  @Test
  void theEnvironmentIsPassedThroughUnchangedProxiesIncluded() throws Exception {
    Fixtures f = new Fixtures(tmp);
    Path script = f.script("env.sh");
    Path out = f.file("env.out");

    source.load(TestSourceContext.of(settings(commandLine(script, out)))).orElseThrow();

    Map<String, String> seen = new HashMap<>();
    for (String entry : new String(Files.readAllBytes(out), StandardCharsets.UTF_8).split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        seen.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    // Set for the test JVM by the surefire configuration in this module's pom.
    assertEquals("http://proxy.test.invalid:3128", seen.get("HTTPS_PROXY"));
    assertEquals("localhost,127.0.0.1", seen.get("no_proxy"));
    assertEquals("passed through", seen.get("FIREFLY_PROCESS_TEST_MARKER"));
    List<String> shellManaged = List.of("PWD", "OLDPWD", "SHLVL", "_");
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      if (!shellManaged.contains(e.getKey())) {
        assertEquals(e.getValue(), seen.get(e.getKey()), "environment variable " + e.getKey());
      }
    }
  }

  @Test
  void settingsGivenToTheLibraryAreNotExportedToTheCommand() throws Exception {
    Fixtures f = new Fixtures(tmp);
    Path script = f.script("env.sh");
    Path out = f.file("env.out");

    source.load(TestSourceContext.of(settings(commandLine(script, out)))).orElseThrow();

    String env = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
    assertTrue(!env.contains("FIREFLY_CREDENTIAL_PROCESS") && !env.contains("firefly.credential.process"),
        "only the real environment is passed, not our explicit settings");
  }
}
