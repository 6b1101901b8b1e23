package dev.fireflyauth.file;

import dev.fireflyauth.spi.support.JsonWriter;
import java.util.Collection;
import java.util.Map;

/**
 * Writes a parsed JSON document back as people read it: two-space indentation, one member per line, arrays of
 * plain values on one line, and a final line break. Values are written by {@link JsonWriter}.
 *
 * <p>Why it exists: a write-back rewrites a credentials file that a person may open next; one long line would
 * be correct but hostile. Stateless.
 */
final class PrettyJson {
  private static final String INDENT = "  ";

  private PrettyJson() {}

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value, 0);
    return sb.append('\n').toString();
  }

  private static void append(StringBuilder sb, Object value, int depth) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      sb.append('{');
      String sep = "\n";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(sep);
        indent(sb, depth + 1);
        JsonWriter.quote(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        append(sb, e.getValue(), depth + 1);
        sep = ",\n";
      }
      sb.append('\n');
      indent(sb, depth);
      sb.append('}');
    } else if (value instanceof Collection<?> list && list.stream().anyMatch(PrettyJson::nested)) {
      sb.append('[');
      String sep = "\n";
      for (Object o : list) {
        sb.append(sep);
        indent(sb, depth + 1);
        append(sb, o, depth + 1);
        sep = ",\n";
      }
      sb.append('\n');
      indent(sb, depth);
      sb.append(']');
    } else if (value instanceof Collection<?> list) {
      sb.append('[');
      String sep = "";
      for (Object o : list) {
        sb.append(sep).append(JsonWriter.write(o));
        sep = ", ";
      }
      sb.append(']');
    } else {
      sb.append(JsonWriter.write(value));
    }
  }

  private static boolean nested(Object o) {
    return o instanceof Map<?, ?> m && !m.isEmpty() || o instanceof Collection<?> c && !c.isEmpty();
  }

  private static void indent(StringBuilder sb, int depth) {
    sb.append(INDENT.repeat(depth));
  }
}
