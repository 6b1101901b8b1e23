package dev.fireflyauth.file;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses dotenv and Java properties files as people write them: {@code KEY=value} or {@code key: value},
 * {@code #} and {@code !} comments, blank lines, an {@code export } prefix, single- or double-quoted values
 * and trailing {@code # comments}. Property-style names are mapped to their variable spelling
 * ({@code firefly.services.client.id} becomes {@code FIREFLY_SERVICES_CLIENT_ID}), which
 * {@link dev.fireflyauth.spi.CredentialFields} understands.
 *
 * <p>Why it exists: many deployments already keep {@code FIREFLY_SERVICES_*} in an env file for other
 * tools. A malformed line is reported by number and, where one was recognised, key; never by its text,
 * because the line may hold the secret.
 */
final class Dotenv {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private Dotenv() {}

  /** The key-value pairs of {@code text}; a later duplicate wins, as in a shell. */
  static Map<String, String> parse(String text, FileRequest request) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNr = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      if (line.startsWith("export ") || line.startsWith("export\t")) {
        line = line.substring("export".length()).strip();
      }
      int sep = separator(line);
      String key = sep < 0 ? "" : line.substring(0, sep).strip();
      if (!KEY.matcher(key).matches()) {
        throw request.broken("line " + lineNr + " is not KEY=VALUE (the line is not shown: it may hold a secret)");
      }
      out.put(normalise(key), value(line.substring(sep + 1).strip(), request, lineNr, key));
    }
    return out;
  }

  private static int separator(String line) {
    int eq = line.indexOf('=');
    int colon = line.indexOf(':');
    if (eq < 0) {
      return colon;
    }
    return colon < 0 ? eq : Math.min(eq, colon);
  }

  /** {@code firefly.services.client.id} → {@code FIREFLY_SERVICES_CLIENT_ID}; other names stay as written. */
  private static String normalise(String key) {
    return key.indexOf('.') < 0 ? key : key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static String value(String raw, FileRequest request, int lineNr, String key) {
    if (raw.isEmpty()) {
      return raw;
    }
    char quote = raw.charAt(0);
    if (quote != '"' && quote != '\'') {
      return stripComment(raw);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == quote) {
        String rest = raw.substring(i + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
          throw request.broken("line " + lineNr + " (" + key + "): unexpected text after the closing quote");
        }
        return sb.toString();
      }
      if (c == '\\' && quote == '"' && i + 1 < raw.length()) {
        sb.append(unescape(raw.charAt(++i)));
      } else {
        sb.append(c);
      }
    }
    throw request.broken("line " + lineNr + " (" + key + "): the " + (quote == '"' ? "double" : "single")
        + " quote is not closed on the same line");
  }

  private static char unescape(char c) {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      default:
        return c;
    }
  }

  /** An unquoted value ends at a {@code #} that follows whitespace, as in dotenv. */
  private static String stripComment(String raw) {
    for (int i = 1; i < raw.length(); i++) {
      if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
        return raw.substring(0, i).strip();
      }
    }
    return raw;
  }
}
