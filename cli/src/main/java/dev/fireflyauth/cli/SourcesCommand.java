package dev.fireflyauth.cli;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.TraceEntry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code firefly-auth sources}: the chain, one line per source and token provider, with why each was used or
 * skipped. Never prints a secret; client IDs are masked. The exit code says whether credentials were found.
 */
@Command(name = "sources", mixinStandardHelpOptions = true,
    description = "Show every credential source and token provider tried, and why each was used or skipped.")
final class SourcesCommand implements Callable<Integer> {
  @ParentCommand Cli cli;
  @Mixin CommonOptions common;

  @Option(names = "--source", paramLabel = "LOCATOR", description = "Explain only this source.")
  String source;

  @Override
  public Integer call() {
    cli.startVerb(common);
    try (FireflyAuth auth = cli.auth(source, false)) {
      List<TraceEntry> trace = auth.explain();
      TraceLines.render(trace).forEach(cli.out::println);
      return exitCode(trace);
    }
  }

  /** From the credential and token chains only: the token store's state never changes whether a call works. */
  static int exitCode(List<TraceEntry> all) {
    List<TraceEntry> trace = all.stream().filter(e -> e.stage() != TraceEntry.Stage.STORE).toList();
    if (has(trace, TraceEntry.Outcome.BROKEN)) {
      return ExitCode.BROKEN;
    }
    if (has(trace, TraceEntry.Outcome.UNAVAILABLE)) {
      return ExitCode.TRANSIENT;
    }
    return has(trace, TraceEntry.Outcome.USED) ? ExitCode.OK : ExitCode.NO_CREDENTIALS;
  }

  private static boolean has(List<TraceEntry> trace, TraceEntry.Outcome outcome) {
    return trace.stream().anyMatch(e -> e.outcome() == outcome);
  }
}
