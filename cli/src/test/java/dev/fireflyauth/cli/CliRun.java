package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fireflyauth.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One in-process run of the CLI: exit code, stdout and stderr. */
final class CliRun {
  final int exit;
  final String out;
  final String err;

  private CliRun(int exit, String out, String err) {
    this.exit = exit;
    this.out = out;
    this.err = err;
  }

  /** Runs with {@code env} as the whole environment and no system properties. */
  static CliRun run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Settings settings = Settings.builder().environment(env).build();
    int exit = Cli.execute(args, settings,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Fails if any of {@code secrets} appears on stderr. */
  CliRun assertStderrFreeOf(List<String> secrets) {
    for (String s : secrets) {
      assertFalse(err.contains(s), "stderr leaks a secret or token: " + err);
    }
    return this;
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
