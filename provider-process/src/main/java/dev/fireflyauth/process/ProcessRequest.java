package dev.fireflyauth.process;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.SourceContext;
import dev.fireflyauth.spi.support.LocatorParams;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code load} runs: the command's words, where the command line was configured, and the timeout; read
 * from the locator and settings and validated before anything is started.
 *
 * <p>Why it exists: every message about a run names the command the same way — by its executable's name only
 * ({@code process op}), since arguments may hold a token or a secret's path — plus the setting or locator it
 * came from. {@link #argv()} is the cache key of the source; {@link #toString()} never shows it.
 */
record ProcessRequest(List<String> argv, String executable, String from, Duration timeout) {

  /** The command line: the source is configured when it is set. */
  static final Setting COMMAND = Setting.of("firefly.credential.process", "FIREFLY_CREDENTIAL_PROCESS");
  /** How long one run may take. */
  static final Setting TIMEOUT =
      Setting.of("firefly.credential.process.timeout", "FIREFLY_CREDENTIAL_PROCESS_TIMEOUT");

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** A longer wait is a mistake (a value in milliseconds?), not a command that needs it. */
  static final Duration MAX_TIMEOUT = Duration.ofHours(1);
  static final String COMMAND_PARAM = "command";
  static final String USAGE = "firefly:process?command=<percent-encoded command line>";

  private static final String NAME = ProcessCredentialSource.NAME;

  ProcessRequest {
    argv = List.copyOf(argv);
  }

  /**
   * The request of this load.
   *
   * @return empty when no command is configured: the source is not configured here
   * @throws CredentialSourceException naming the setting or locator parameter that is malformed
   */
  static Optional<ProcessRequest> read(SourceContext context) {
    Settings settings = context.settings();
    Optional<Locator> locator = context.locator();
    locator.ifPresent(l -> {
      LocatorParams.requireNoPart(l, NAME, USAGE);
      LocatorParams.check(l, NAME, List.of(COMMAND_PARAM), true);
    });
    Optional<String> fromLocator = LocatorParams.value(locator, COMMAND_PARAM);
    String line;
    String from;
    if (fromLocator.isPresent()) {
      line = fromLocator.get();
      from = LocatorParams.where(locator.get(), COMMAND_PARAM);
    } else {
      Optional<Settings.Value> v = settings.get(COMMAND);
      if (v.isEmpty()) {
        if (locator.isPresent()) {
          throw new CredentialSourceException(NAME, "locator '" + locator.get() + "' names no command: write "
              + USAGE + ", or set " + COMMAND);
        }
        return Optional.empty();
      }
      line = v.get().value();
      from = v.get().where();
    }
    List<String> argv = split(line, from, settings);
    return Optional.of(new ProcessRequest(argv, CommandLine.executableName(argv.get(0)), from, timeout(settings)));
  }

  private static List<String> split(String line, String from, Settings settings) {
    List<String> argv;
    try {
      argv = CommandLine.split(line, settings.property("user.home").map(Settings.Value::value));
    } catch (CommandLine.Problem p) {
      // The command line itself is not quoted: it may hold a token.
      throw new CredentialSourceException(NAME, from + " is not a valid command line: " + p.getMessage());
    }
    if (argv.isEmpty() || argv.get(0).isEmpty()) {
      throw new CredentialSourceException(NAME, from + " names no executable (its first word is empty)");
    }
    return argv;
  }

  private static Duration timeout(Settings settings) {
    try {
      return settings.duration(TIMEOUT, DEFAULT_TIMEOUT, Duration.ofMillis(1), MAX_TIMEOUT);
    } catch (ConfigurationException e) {
      throw new CredentialSourceException(NAME, e.getMessage());
    }
  }

  /** The origin of the credentials: {@code process op}. */
  String origin() {
    return NAME + " " + executable;
  }

  /** The command as messages name it: {@code process op (environment variable FIREFLY_CREDENTIAL_PROCESS)}. */
  String describe() {
    return origin() + " (" + from + ")";
  }

  /** The subject of messages about what the command printed. */
  String output() {
    return "the output of " + describe();
  }

  /** The timeout as messages show it, e.g. {@code 30 s}, {@code 0.5 s}. */
  String timeoutText() {
    return seconds(timeout);
  }

  static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }

  @Override
  public String toString() {
    return "ProcessRequest{" + describe() + ", " + (argv.size() - 1) + " arguments, timeout " + timeoutText() + '}';
  }
}
