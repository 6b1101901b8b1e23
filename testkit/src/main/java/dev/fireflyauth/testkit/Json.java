package dev.fireflyauth.testkit;

/**
 * Writes the flat JSON objects IMS answers with, and JSON strings, by hand.
 *
 * <p>Why it exists: the test kit must not bring a JSON library onto its users' test class path, and IMS
 * replies are flat objects of strings and numbers.
 */
final class Json {
  private Json() {}

  /**
   * A JSON object from alternating names and values; a {@link Number} value is written as a number, anything
   * else as a string.
   */
  static String object(Object... namesAndValues) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      string(sb, String.valueOf(namesAndValues[i])).append(':');
      Object v = namesAndValues[i + 1];
      if (v instanceof Number) {
        sb.append(v);
      } else {
        string(sb, String.valueOf(v));
      }
    }
    return sb.append('}').toString();
  }

  /** {@code s} as a JSON string, quoted and escaped; {@code null} for null. */
  static String string(String s) {
    return s == null ? "null" : string(new StringBuilder(), s).toString();
  }

  private static StringBuilder string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"');
  }
}
