package dev.fireflyauth.cli;

import picocli.CommandLine.Option;

/** Options every verb takes. */
final class CommonOptions {
  @Option(names = "--verbose", description = "On error, also print the cause chain.")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, description = "Hide warnings the library logs (loose file permissions, deprecated names).")
  boolean quiet;
}
