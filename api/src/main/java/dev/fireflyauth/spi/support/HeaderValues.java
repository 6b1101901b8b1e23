package dev.fireflyauth.spi.support;

/**
 * The one rule for values that end up in an HTTP header (a client ID in {@code x-api-key}, a token in
 * {@code Authorization}): no control characters.
 *
 * <p>Why it exists: a CR or LF inside a header value ends that header and starts another one, so a client ID
 * or token taken from a file, a setting or a peer could forge a header (or, in a shell recipe, replace the
 * {@code Authorization} header). Every place that accepts such a value checks it with this rule and refuses
 * it without quoting it.
 */
public final class HeaderValues {
  private HeaderValues() {}

  /** Whether {@code s} holds a control character (CR, LF, NUL, tab, DEL, U+0085, U+2028, U+2029). */
  public static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }
}
