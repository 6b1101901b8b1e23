package dev.fireflyauth.cli;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code firefly-auth token}: prints a valid access token, or it as JSON with its type, expiry and origin. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Print an access token for the credentials the chain finds.")
final class TokenCommand implements Callable<Integer> {
  @ParentCommand Cli cli;
  @Mixin CommonOptions common;

  @Option(names = "--source", paramLabel = "LOCATOR",
      description = "Use only this source, e.g. firefly:file:/etc/firefly/credentials.json?profile=prod")
  String source;

  @Option(names = "--json", description = "Print {token, type, expires_at, origin, from_store} as JSON.")
  boolean json;

  @Option(names = "--no-store", description = "Skip the token store for this call: always exchange, store nothing.")
  boolean noStore;

  @Override
  public Integer call() {
    cli.startVerb(common);
    return print(cli, source, json, noStore);
  }

  /** The verb itself, shared with {@link FastPath}: prints the token and returns the exit code. */
  static int print(Cli cli, String source, boolean json, boolean noStore) {
    try (FireflyAuth auth = cli.auth(source, noStore)) {
      AccessToken token = auth.token();
      cli.out.println(json ? TokenJson.of(token) : token.value().reveal());
      return ExitCode.OK;
    }
  }
}
