package dev.fireflyauth.cli;

import dev.fireflyauth.Settings;
import java.io.PrintStream;

/**
 * What a verb in a sub-package ({@code serve}, {@code secrets}) needs from the CLI it runs in: the settings of this
 * run (injected, so tests run a verb against an isolated environment), stdout and stderr, and the
 * one-line-per-warning logging.
 *
 * <p>Why it exists: picocli injects the root command into a verb as its parent, and the root command lives in
 * this package; verbs reach it through this interface instead of through its fields.
 */
public interface CliHost {
  /**
   * The token store of every verb when {@code FIREFLY_TOKEN_STORE} is not set (unlike the library, which has
   * none): each run is a new process, and each would otherwise exchange again.
   */
  String DEFAULT_STORE = "file";

  /** The settings every verb of this CLI run reads. */
  Settings settings();

  /** Where errors, warnings and progress lines go. */
  PrintStream err();

  /**
   * Routes the library's warnings to {@link #err()} as single lines, or hides them when {@code quiet} or the root
   * command's {@code --quiet} ({@code firefly-auth --quiet VERB}) is given.
   */
  void startLogging(boolean quiet);

  /** The host for {@code parent}, the root command picocli injected into a verb. */
  static CliHost of(Object parent) {
    if (parent instanceof CliHost h) {
      return h;
    }
    throw new IllegalStateException("a firefly-auth verb must run under the firefly-auth root command");
  }
}
