package dev.fireflyauth.process;

import static dev.fireflyauth.process.Fixtures.commandLine;
import static dev.fireflyauth.process.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every outcome — success, failure, bad output, timeout — with debug logging on: no secret and no argument of the
 * command in any message, cause, log line, trace entry or {@code toString()}.
 */
class NoSecretLeakTest {
  @TempDir Path tmp;
  private static final String ARGUMENT_TOKEN = "hvs.ARGUMENT-TOKEN-0042";

  @Test
  void noSecretOrArgumentAnywhere() {
    Fixtures f = new Fixtures(tmp);
    List<String> commands = new ArrayList<>();
    commands.add(commandLine(f.script("success.sh"), ARGUMENT_TOKEN));
    commands.add(commandLine(f.script("two-secrets.sh"), ARGUMENT_TOKEN));
    commands.add(commandLine(f.script("fail.sh"), ARGUMENT_TOKEN));
    commands.add(commandLine(f.script("flood.sh"), ARGUMENT_TOKEN));
    commands.add(commandLine(f.script("hang.sh"), f.file("c.pid"), f.file("s.pid"), ARGUMENT_TOKEN));
    commands.add(commandLine(f.file("missing.sh"), ARGUMENT_TOKEN));
    for (String variant : List.of("invalid", "comma-after-secret", "unterminated-secret", "control-in-secret",
        "single-quoted", "trailing", "bare-secret", "array", "missing-id", "secret-number", "not-utf8",
        "bad-expires")) {
      commands.add(commandLine(f.script("output.sh"), variant, ARGUMENT_TOKEN));
    }
    Logger logger = Logger.getLogger("dev.fireflyauth");
    Level before = logger.getLevel();
    logger.setLevel(Level.ALL);
    StringBuilder seen = new StringBuilder();
    try (LogCapture logs = LogCapture.start()) {
      for (String command : commands) {
        Settings s = settings(command, "0.5");
        try (FireflyAuth auth = FireflyAuth.builder().settings(s).sources("process")
            .addSource(new ProcessCredentialSource(Duration.ofMillis(200))).build()) {
          try {
            seen.append(auth.credentials()).append('\n');
          } catch (FireflyAuthException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
              seen.append(t).append('\n');
            }
          }
          auth.trace().forEach(t -> seen.append(t).append('\n'));
        }
      }
      seen.append(logs.text());
      assertTrue(logs.text().contains("running ProcessRequest{process success.sh"), "debug logging was on");
    } finally {
      logger.setLevel(before);
    }
    String all = seen.toString();
    Fixtures.assertNoSecret(all);
    assertFalse(all.contains("ARGUMENT-TOKEN"), all);
    assertFalse(all.contains(tmp.toString()), "paths of the fixtures are arguments or full executable paths");
    assertTrue(all.contains("process success.sh") && all.contains("process output.sh"), all);
  }
}
