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
    try (FireflyAuth auth = cli.auth(source)) {
      List<TraceEntry> trace = auth.explain();
      TraceLines.render(trace).forEach(cli.out::println);
      return exitCode(trace);
    }
  }

  static int exitCode(List<TraceEntry> trace) {
    boolean used = trace.stream().anyMatch(e -> e.outcome() == TraceEntry.Outcome.USED);
    boolean broken = trace.stream().anyMatch(e -> e.outcome() == TraceEntry.Outcome.BROKEN);
    if (broken) {
      return ExitCode.BROKEN;
    }
    return used ? ExitCode.OK : ExitCode.NO_CREDENTIALS;
  }
}
