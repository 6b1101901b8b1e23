package dev.fireflyauth.cli;

import dev.fireflyauth.FireflyAuth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code firefly-auth headers}: the two headers every Firefly request needs, ready for curl -H. */
@Command(name = "headers", mixinStandardHelpOptions = true,
    description = "Print the x-api-key and Authorization headers for a Firefly request.")
final class HeadersCommand implements Callable<Integer> {
  @ParentCommand Cli cli;
  @Mixin CommonOptions common;

  @Option(names = "--source", paramLabel = "LOCATOR", description = "Use only this source.")
  String source;

  @Option(names = "--no-store", description = "Skip the token store for this call: always exchange, store nothing.")
  boolean noStore;

  @Override
  public Integer call() {
    cli.startVerb(common);
    return print(cli, source, noStore);
  }

  /** The verb itself, shared with {@link FastPath}: prints the two headers and returns the exit code. */
  static int print(Cli cli, String source, boolean noStore) {
    try (FireflyAuth auth = cli.auth(source, noStore)) {
      for (var header : auth.headers().entrySet()) {
        cli.out.println(header.getKey() + ": " + header.getValue());
      }
      return ExitCode.OK;
    }
  }
}
