package dev.fireflyauth.spi.support;

import java.util.Collection;
import java.util.Map;

/**
 * Writes small JSON documents: a flat or nested object of strings, numbers, booleans, nulls, lists and maps.
 *
 * <p>Why it exists: the CLI ({@code token --json}), the token agent and the test kit write a few fields of JSON;
 * a 20-line writer keeps them free of a JSON library and of start-up cost. Strings are escaped per RFC 8259
 * (control characters, quotes, backslashes, and U+2028/U+2029 for JavaScript consumers). Stateless.
 */
public final class JsonWriter {
  private JsonWriter() {}

  /**
   * {@code value} as JSON: a {@link Map} with string keys becomes an object (in its iteration order), a
   * {@link Collection} an array, a {@link CharSequence} a string, a {@link Number} or {@link Boolean} itself,
   * null {@code null}.
   *
   * @throws IllegalArgumentException for any other type, or a non-finite number
   */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof CharSequence s) {
      quote(sb, s);
    } else if (v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Double d && (d.isNaN() || d.isInfinite())
        || v instanceof Float f && (f.isNaN() || f.isInfinite())) {
      throw new IllegalArgumentException("JSON has no representation for " + v);
    } else if (v instanceof Number) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(sb, String.valueOf(e.getKey()));
        sb.append(':');
        append(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Collection<?> c) {
      sb.append('[');
      boolean first = true;
      for (Object o : c) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        append(sb, o);
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
    }
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void quote(StringBuilder sb, CharSequence s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
