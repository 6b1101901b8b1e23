package dev.fireflyauth.cli;

/**
 * The command lines scripts run over and over ({@code token} and {@code headers} with their own options),
 * recognised without picocli and run directly.
 *
 * <p>Why it exists: picocli builds its model of every verb from annotations before it parses anything, 60–75 ms
 * of a stored-token run that otherwise takes about 130 ms. The fast path accepts only what picocli accepts the
 * same way: the verb first, then each of {@code --json} (token only), {@code --no-store}, {@code -q}/{@code
 * --quiet}, {@code --verbose} at most once and {@code --source VALUE} / {@code --source=VALUE}. Anything else
 * (help, another verb, a repeated or unknown option, an {@code @file} argument, a missing value) goes to picocli,
 * so the two paths cannot disagree on what a command line means; {@code FastPathTest} runs every accepted form
 * through both and compares.
 */
final class FastPath {
  private FastPath() {}

  /** A recognised command line. */
  static final class Run {
    private final boolean token;
    private String source;
    private boolean json;
    private boolean noStore;
    private boolean quiet;
    private boolean verbose;

    private Run(boolean token) {
      this.token = token;
    }

    /** Whether the run skips the token store ({@code --no-store}). */
    boolean noStore() {
      return noStore;
    }

    /** Runs the verb on {@code cli}, reporting failures as picocli's path does; returns the exit code. */
    int runOn(Cli cli) {
      StderrLogging.install(cli.err, quiet);
      try {
        return token ? TokenCommand.print(cli, source, json, noStore) : HeadersCommand.print(cli, source, noStore);
      } catch (Exception e) {
        return cli.fail(e, verbose);
      }
    }
  }

  /** The run {@code args} ask for, or null when picocli must parse them. */
  static Run parse(String[] args) {
    if (args.length == 0 || !(args[0].equals("token") || args[0].equals("headers"))) {
      return null;
    }
    Run run = new Run(args[0].equals("token"));
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--json") && run.token && !run.json) {
        run.json = true;
      } else if (a.equals("--no-store") && !run.noStore) {
        run.noStore = true;
      } else if ((a.equals("-q") || a.equals("--quiet")) && !run.quiet) {
        run.quiet = true;
      } else if (a.equals("--verbose") && !run.verbose) {
        run.verbose = true;
      } else if (a.equals("--source") && run.source == null && i + 1 < args.length && plainValue(args[i + 1])) {
        run.source = args[++i];
      } else if (a.startsWith("--source=") && run.source == null && plainValue(a.substring("--source=".length()))) {
        run.source = a.substring("--source=".length());
      } else {
        return null;
      }
    }
    return run;
  }

  /** A value picocli takes literally: not empty, not option-like, not an {@code @file} to expand. */
  private static boolean plainValue(String v) {
    return !v.isEmpty() && !v.startsWith("-") && !v.startsWith("@");
  }
}
