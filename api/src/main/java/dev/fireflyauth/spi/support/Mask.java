package dev.fireflyauth.spi.support;

/**
 * The one way a value we must not show in full is shown: all but its last four characters replaced by
 * {@code *} (at most eight of them), fully masked when it is short. Used for client IDs in traces and for
 * tokens in the CLI's demo and listings.
 */
public final class Mask {
  private Mask() {}

  /** {@code ********abcd}; {@code ****} when {@code s} has four characters or fewer. */
  public static String lastFour(String s) {
    if (s.length() <= 4) {
      return "****";
    }
    return "*".repeat(Math.min(s.length() - 4, 8)) + s.substring(s.length() - 4);
  }

  /** {@link #lastFour} plus the length, for a token: {@code ********wxyz (43 chars)}. */
  public static String withLength(String s) {
    return lastFour(s) + " (" + s.length() + " chars)";
  }
}
