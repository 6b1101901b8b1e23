package dev.fireflyauth.file;

import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.CredentialFields;
import dev.fireflyauth.spi.support.HeaderValues;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The live secrets of a dotenv / properties file: the value of the secret line
 * ({@code FIREFLY_SERVICES_CLIENT_SECRET}, {@code firefly.services.client.secret} or {@code client_secret}) is
 * the newest, and {@code FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS} (spelled like the secret line) the previous.
 *
 * <p>Why it exists: such a file is often shared with other tools and kept under hand-written comments; a
 * rotation replaces two values and leaves every other byte as it was: other lines, comments, order, line
 * breaks, the {@code export} prefix, the separator and the quoting style. A missing previous line is added
 * right after the secret line; when only one secret stays live, the previous lines are dropped.
 */
final class DotenvSecretsEdit implements SecretsEdit {
  private static final String SECRET_ENV = "FIREFLY_SERVICES_CLIENT_SECRET";
  private static final String PREVIOUS = CredentialFields.CLIENT_SECRET_PREVIOUS;
  /** Values written without quotes; anything else is double-quoted and escaped. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./+=~@%^,:-]+");

  private final FileRequest request;
  private final String text;
  private final List<Dotenv.Line> lines;
  private final List<Dotenv.Assignment> assignments;

  DotenvSecretsEdit(String text, FileRequest request) {
    request.requireDefaultProfile("a dotenv / properties file");
    this.request = request;
    this.text = text;
    this.lines = Dotenv.lines(text);
    this.assignments = Dotenv.assignments(lines, request);
  }

  @Override
  public List<Secret> secrets() {
    return request.credentials(Dotenv.parse(text, request), false).secrets();
  }

  @Override
  public String withSecrets(List<Secret> wanted) {
    if (wanted.isEmpty() || wanted.size() > 2) {
      throw request.broken("a dotenv / properties file holds one or two live secrets, not " + wanted.size());
    }
    Dotenv.Assignment secret = secretLine();
    List<Dotenv.Assignment> previous = assignments.stream().filter(a -> a.name().equals(PREVIOUS)).toList();
    List<String> texts = new ArrayList<>();
    List<String> breaks = new ArrayList<>();
    lines.forEach(l -> {
      texts.add(l.text());
      breaks.add(l.terminator());
    });
    texts.set(secret.line(), withValue(texts.get(secret.line()), secret, wanted.get(0)));
    List<Integer> dropped = new ArrayList<>();
    Integer inserted = null;
    if (wanted.size() == 2 && !previous.isEmpty()) {
      Dotenv.Assignment last = previous.get(previous.size() - 1);
      texts.set(last.line(), withValue(texts.get(last.line()), last, wanted.get(1)));
    } else if (wanted.size() == 2) {
      inserted = secret.line();
    } else {
      previous.forEach(a -> dropped.add(a.line()));
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      if (dropped.contains(i)) {
        continue;
      }
      out.append(texts.get(i));
      if (inserted != null && inserted == i) {
        out.append(breaks.get(i).isEmpty() ? lineBreak() : breaks.get(i));
        out.append(previousLine(secret, wanted.get(1)));
      }
      out.append(breaks.get(i));
    }
    return out.toString();
  }

  /**
   * The line a load takes the secret from, by {@link CredentialFields}' rule: the last {@code client_secret},
   * else the last {@code FIREFLY_SERVICES_CLIENT_SECRET} (property spelling included).
   */
  private Dotenv.Assignment secretLine() {
    Dotenv.Assignment found = null;
    for (String name : List.of(CredentialFields.CLIENT_SECRET, SECRET_ENV)) {
      for (Dotenv.Assignment a : assignments) {
        if (a.name().equals(name)) {
          found = a;
        }
      }
      if (found != null) {
        return found;
      }
    }
    throw request.broken("has no " + SECRET_ENV + " line to write the new secret to");
  }

  /** A new previous line in the style of the secret line: indentation, {@code export}, separator, quotes. */
  private String previousLine(Dotenv.Assignment secret, Secret value) {
    String line = lines.get(secret.line()).text();
    String key = secret.key().indexOf('.') >= 0 ? secret.key() + ".previous" : PREVIOUS;
    return line.substring(0, secret.keyStart()) + key
        + line.substring(secret.keyStart() + secret.key().length(), secret.valueStart())
        + encode(value, secret.quote());
  }

  private String withValue(String line, Dotenv.Assignment a, Secret value) {
    return line.substring(0, a.valueStart()) + encode(value, a.quote()) + line.substring(a.valueEnd());
  }

  /** The value as the parser reads it back: in the line's own quotes where they can hold it. */
  private String encode(Secret secret, char quote) {
    String s = secret.reveal();
    if (HeaderValues.hasControlCharacter(s)) {
      throw request.broken("the new secret contains a control character and is not written to a dotenv file");
    }
    if (quote == '\'' && s.indexOf('\'') < 0) {
      return "'" + s + "'";
    }
    if (quote == 0 && PLAIN.matcher(s).matches()) {
      return s;
    }
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** The file's own line break, for a line added after a last line that had none. */
  private String lineBreak() {
    return text.contains("\r\n") ? "\r\n" : "\n";
  }
}
