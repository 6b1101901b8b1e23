package dev.fireflyauth.cli;

/** How the CLI shows a token it must not print in full (demo output, diagnostics). */
final class Mask {
  private Mask() {}

  /** The first four and last four characters of a long token, the rest elided. */
  static String token(String token) {
    if (token.length() < 16) {
      return "****";
    }
    return token.substring(0, 4) + "..." + token.substring(token.length() - 4) + " (" + token.length() + " chars)";
  }
}
