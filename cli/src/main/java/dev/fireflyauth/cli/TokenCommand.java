package dev.fireflyauth.cli;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.TraceEntry;
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

  @Option(names = "--json", description = "Print {token, type, expires_at, origin} as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    cli.startVerb(common);
    try (FireflyAuth auth = cli.auth(source)) {
      AccessToken token = auth.token();
      if (!json) {
        cli.out.println(token.value().reveal());
        return ExitCode.OK;
      }
      cli.out.println(TokenJson.of(token, origin(auth)));
      return ExitCode.OK;
    }
  }

  /** Where the token came from: the credentials' origin, or the token provider's name for a ready-made token. */
  static String origin(FireflyAuth auth) {
    String provider = null;
    String credentials = null;
    for (TraceEntry e : auth.trace()) { // what ran: a ready-made token resolves no credentials for this
      if (e.outcome() != TraceEntry.Outcome.USED) {
        continue;
      }
      if (e.stage() == TraceEntry.Stage.TOKEN) {
        provider = e.name();
      } else {
        credentials = e.origin();
      }
    }
    if (provider == null) {
      return credentials;
    }
    return credentials == null || !provider.equals("ims") ? provider : provider + " via " + credentials;
  }
}
