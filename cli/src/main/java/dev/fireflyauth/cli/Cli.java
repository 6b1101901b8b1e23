package dev.fireflyauth.cli;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.cli.secrets.SecretsCommand;
import dev.fireflyauth.cli.serve.ServeCommand;
import dev.fireflyauth.Settings;
import dev.fireflyauth.store.TokenStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * The {@code firefly-auth} command: parses arguments with picocli (or, for the common {@code token} and
 * {@code headers} command lines, the {@link FastPath}), runs a verb, and turns every failure into one line on
 * stderr and the documented exit code. Stdout carries only the result.
 *
 * <p>Settings, stdout and stderr are injected so tests run the CLI in-process against an isolated
 * environment exactly as the process would.
 */
@Command(
    name = "firefly-auth",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    description = "Find Adobe Firefly credentials and turn them into IMS access tokens.",
    subcommands = {TokenCommand.class, HeadersCommand.class, SourcesCommand.class, CacheCommand.class,
        DemoCommand.class, ServeCommand.class,
        SecretsCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0 ok, 2 usage, 3 no credentials found, 4 credentials rejected by IMS,",
      "  5 IMS or secret store unreachable / transient failure, 6 configuration broken."
    })
final class Cli implements Runnable, CliHost {
  final Settings settings;
  final PrintStream out;
  final PrintStream err;

  @Mixin CommonOptions common;
  @Spec CommandLine.Model.CommandSpec spec;

  Cli(Settings settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the command line {@code args}; returns the exit code. The common {@code token} and {@code headers}
   * command lines take the {@link FastPath}; everything else is parsed by picocli.
   */
  static int execute(String[] args, Settings settings, PrintStream out, PrintStream err) {
    Cli cli = new Cli(settings, out, err);
    FastPath.Run fast = FastPath.parse(args);
    return fast != null ? fast.runOn(cli) : cli.executeWithPicocli(args);
  }

  /** Runs {@code args} through picocli's model of every verb: help, usage errors, every option. */
  int executeWithPicocli(String[] args) {
    CommandLine cl = new CommandLine(this);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> fail(e, verbose(spec.commandLine().getParseResult())));
    return cl.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a verb is required: token, headers, sources, cache, serve, secrets or demo");
  }

  @Override
  public Settings settings() {
    return settings;
  }

  @Override
  public PrintStream err() {
    return err;
  }

  @Override
  public void startLogging(boolean quiet) {
    StderrLogging.install(err, common.quiet || quiet);
  }

  /** Starts logging for a verb: warnings to stderr as single lines, or nothing with --quiet. */
  void startVerb(CommonOptions verb) {
    StderrLogging.install(err, common.quiet || verb.quiet);
  }

  /**
   * A FireflyAuth on the CLI's settings, restricted to {@code locator} when given. Unlike the library, the CLI
   * keeps tokens in the file store by default (like gcloud and az): every run is a new process, and each would
   * otherwise exchange again. {@code FIREFLY_TOKEN_STORE} chooses another store or {@code none};
   * {@code noStore} skips the store for this run.
   */
  FireflyAuth auth(String locator, boolean noStore) {
    FireflyAuth.Builder b = FireflyAuth.builder().settings(settings);
    if (locator != null) {
      b.locators(locator);
    }
    if (noStore) {
      b.tokenStore(TokenStores.NONE);
    } else if (settings.get(Setting.TOKEN_STORE).isEmpty()) {
      b.tokenStore(DEFAULT_STORE);
    }
    return b.build();
  }

  private boolean verbose(CommandLine.ParseResult parsed) {
    if (common.verbose) {
      return true;
    }
    CommandLine.ParseResult sub = parsed == null ? null : parsed.subcommand();
    return sub != null && sub.hasMatchedOption("--verbose");
  }

  /** One line on stderr for {@code e} (with its causes when {@code verbose}); returns the exit code. */
  int fail(Exception e, boolean verbose) {
    if (e instanceof FireflyAuthException) {
      err.println("firefly-auth: " + e.getMessage());
      if (verbose) {
        printCauses(e.getCause());
      }
      return ExitCode.of((FireflyAuthException) e);
    }
    err.println("firefly-auth: internal error: " + e.getClass().getName()
        + (verbose ? "" : " (run with --verbose for the cause chain)"));
    if (verbose) {
      printCauses(e);
    }
    return ExitCode.INTERNAL;
  }

  /**
   * One line per cause. Messages are shown only for our own exceptions and network/IO errors; other
   * libraries' messages may quote input (a parser quoting a malformed secret), so only their class is shown.
   */
  private void printCauses(Throwable t) {
    for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
      // Jackson's parse errors are IOExceptions that quote their input: only JDK types' messages are shown.
      boolean safe = t instanceof FireflyAuthException
          || (t instanceof IOException && t.getClass().getName().startsWith("java"));
      err.println("  caused by: " + t.getClass().getName() + (safe && t.getMessage() != null ? ": " + t.getMessage() : ""));
    }
  }

  /** {@code --version}: the Maven project version, filtered into a resource at build time. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Cli.class.getResourceAsStream("/firefly-auth-cli.properties")) {
        if (in != null) {
          p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
      }
      return new String[] {
        "firefly-auth " + p.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
