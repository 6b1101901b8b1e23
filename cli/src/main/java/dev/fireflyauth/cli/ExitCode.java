package dev.fireflyauth.cli;

import dev.fireflyauth.FireflyAuthException;

/** The exit codes the README documents: scripts rely on them, so they never change meaning. */
final class ExitCode {
  static final int OK = 0;
  /** A bug or an unexpected runtime failure (not one of the documented kinds). */
  static final int INTERNAL = 1;
  static final int USAGE = 2;
  static final int NO_CREDENTIALS = 3;
  static final int REJECTED = 4;
  static final int TRANSIENT = 5;
  static final int BROKEN = 6;

  private ExitCode() {}

  static int of(FireflyAuthException e) {
    switch (e.kind()) {
      case NOT_FOUND:
        return NO_CREDENTIALS;
      case REJECTED:
        return REJECTED;
      case TRANSIENT:
        return TRANSIENT;
      case BROKEN:
      default:
        return BROKEN;
    }
  }
}
