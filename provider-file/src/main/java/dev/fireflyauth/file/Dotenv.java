package dev.fireflyauth.file;

import dev.fireflyauth.spi.CredentialFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses dotenv and Java properties files as people write them: {@code KEY=value} or {@code key: value},
 * {@code #} and {@code !} comments, blank lines, an {@code export } prefix, single- or double-quoted values
 * and trailing {@code # comments}. Property-style names are mapped to their variable spelling
 * ({@code firefly.services.client.id} becomes {@code FIREFLY_SERVICES_CLIENT_ID}), which
 * {@link CredentialFields} understands, {@code FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS} included.
 *
 * <p>Why it exists: many deployments already keep {@code FIREFLY_SERVICES_*} in an env file for other
 * tools. A malformed line is reported by number, and by key only when the key is one of the credential names
 * this library reads: anything else before the {@code =} may be a pasted secret. The parse keeps where each
 * value sits in its line ({@link Assignment}), so a write-back can replace a value and nothing else.
 */
final class Dotenv {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  /** Keys shown in messages as written: ours ({@code FIREFLY_SERVICES_CLIENT_SECRET}, …), never a guess. */
  private static final Pattern OUR_KEY = Pattern.compile("FIREFLY_[A-Z_]{1,60}|firefly(\\.[a-z]{1,20}){1,8}");
  private static final Set<String> FIELD_KEYS = Set.of(CredentialFields.CLIENT_ID, CredentialFields.CLIENT_SECRET,
      CredentialFields.CLIENT_SECRETS, CredentialFields.SCOPES, CredentialFields.ORG_ID);

  private Dotenv() {}

  /** One line of the file: its text and the line break that ended it (empty for a last line without one). */
  record Line(String text, String terminator) {}

  /**
   * One {@code KEY=value} line.
   *
   * @param line the index into the lines, from 0
   * @param keyStart where the key starts in the line
   * @param key the key as written
   * @param name the key as {@link CredentialFields} reads it (property spelling mapped)
   * @param value the value, unquoted and unescaped
   * @param valueStart where the value's text (quotes included) starts in the line
   * @param valueEnd where it ends (exclusive), before any trailing comment
   * @param quote the quote character used, or 0
   */
  record Assignment(int line, int keyStart, String key, String name, String value, int valueStart, int valueEnd, char quote) {}

  /** The key-value pairs of {@code text}; a later duplicate wins, as in a shell. */
  static Map<String, String> parse(String text, FileRequest request) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Assignment a : assignments(lines(text), request)) {
      out.put(a.name(), a.value());
    }
    return out;
  }

  /** {@code text} split into lines, each with its own line break ({@code \n}, {@code \r\n} or {@code \r}). */
  static List<Line> lines(String text) {
    List<Line> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        int end = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        out.add(new Line(text.substring(start, i), text.substring(i, end)));
        start = end;
        i = end - 1;
      }
    }
    if (start < text.length()) {
      out.add(new Line(text.substring(start), ""));
    }
    return out;
  }

  /** The assignments among {@code lines}, in order; comments and blank lines have none. */
  static List<Assignment> assignments(List<Line> lines, FileRequest request) {
    List<Assignment> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Assignment a = assignment(i, lines.get(i).text(), request);
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  private static Assignment assignment(int index, String line, FileRequest request) {
    int lineNr = index + 1;
    int at = skipSpace(line, 0);
    if (at == line.length() || line.charAt(at) == '#' || line.charAt(at) == '!') {
      return null;
    }
    if (line.startsWith("export ", at) || line.startsWith("export\t", at)) {
      at = skipSpace(line, at + "export".length());
    }
    int sep = separator(line, at);
    String key = sep < 0 ? "" : line.substring(at, sep).strip();
    int keyStart = at;
    if (!KEY.matcher(key).matches()) {
      throw request.broken("line " + lineNr + " is not KEY=VALUE (the line is not shown: it may hold a secret)");
    }
    int start = skipSpace(line, sep + 1);
    int end = line.length();
    while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      return new Assignment(index, keyStart, key, normalise(key), "", start, start, (char) 0);
    }
    char quote = line.charAt(start);
    if (quote != '"' && quote != '\'') {
      int valueEnd = unquotedEnd(line, start, end);
      return new Assignment(index, keyStart, key, normalise(key), line.substring(start, valueEnd), start, valueEnd, (char) 0);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = start + 1; i < end; i++) {
      char c = line.charAt(i);
      if (c == quote) {
        String rest = line.substring(i + 1, end).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
          throw request.broken("line " + lineNr + shownKey(key) + ": unexpected text after the closing quote");
        }
        return new Assignment(index, keyStart, key, normalise(key), sb.toString(), start, i + 1, quote);
      }
      if (c == '\\' && quote == '"' && i + 1 < end) {
        sb.append(unescape(line.charAt(++i)));
      } else {
        sb.append(c);
      }
    }
    throw request.broken("line " + lineNr + shownKey(key) + ": the " + (quote == '"' ? "double" : "single")
        + " quote is not closed on the same line");
  }

  /** {@code " (FIREFLY_SERVICES_CLIENT_SECRET)"} for a credential name we read; empty for any other key. */
  private static String shownKey(String key) {
    return FIELD_KEYS.contains(key) || OUR_KEY.matcher(key).matches() ? " (" + key + ")" : "";
  }

  private static int skipSpace(String line, int from) {
    int i = from;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int separator(String line, int from) {
    int eq = line.indexOf('=', from);
    int colon = line.indexOf(':', from);
    if (eq < 0) {
      return colon;
    }
    return colon < 0 ? eq : Math.min(eq, colon);
  }

  /** {@code firefly.services.client.id} → {@code FIREFLY_SERVICES_CLIENT_ID}; other names stay as written. */
  private static String normalise(String key) {
    return key.indexOf('.') < 0 ? key : key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static char unescape(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 't' -> '\t';
      default -> c;
    };
  }

  /** An unquoted value ends at a {@code #} that follows whitespace, as in dotenv; trailing space dropped. */
  private static int unquotedEnd(String line, int start, int end) {
    int stop = end;
    for (int i = start + 1; i < end; i++) {
      if (line.charAt(i) == '#' && Character.isWhitespace(line.charAt(i - 1))) {
        stop = i;
        break;
      }
    }
    while (stop > start && Character.isWhitespace(line.charAt(stop - 1))) {
      stop--;
    }
    return stop;
  }
}
