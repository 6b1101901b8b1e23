package dev.fireflyauth.cli.secrets;

import picocli.CommandLine.Option;

/** The options every {@code secrets} verb takes. */
final class SecretsOptions {
  @Option(names = "--source", paramLabel = "LOCATOR",
      description = "Use only this source, e.g. firefly:file:/etc/firefly/credentials.json or"
          + " firefly:aws-secrets:prod/firefly")
  String source;

  @Option(names = {"-q", "--quiet"}, description = "Hide warnings the library logs.")
  boolean quiet;
}
