package dev.fireflyauth.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a command line into words the way a POSIX shell would, without running a shell.
 *
 * <p>Why it exists: users write the command as they would type it ({@code op read "op://Prod/Firefly/secret"}),
 * but running it through {@code sh -c} would expand variables, globs and command substitutions in a string that
 * may come from anywhere, and would make the timeout kill the shell rather than the command. So the words are
 * found here with the shell's quoting rules, and everything else a shell would act on is refused instead of
 * silently passed on as text:
 *
 * <ul>
 *   <li>unquoted blanks (space, tab, newline) separate words;
 *   <li>{@code '…'} is literal; {@code "…"} is literal except that a backslash escapes {@code " \ $ `} and a
 *       newline (before any other character it stays a backslash, as in POSIX); an unquoted backslash makes
 *       the next character literal, and before a newline joins the lines;
 *   <li>an unquoted {@code ~} starting a word, alone or before {@code /}, is the home directory;
 *   <li>refused, with the position: unbalanced quotes, a trailing backslash, a NUL character, the operators
 *       {@code | & ; < > ( )} and {@code `} unquoted, {@code $} unquoted or inside double quotes (a shell would
 *       expand it), {@code #} starting a word (a comment), {@code ~user}, and {@code NAME=value} before the
 *       command (an environment assignment; use {@code env NAME=value command}).
 * </ul>
 *
 * <p>Glob characters ({@code * ? [}) are passed as written, as a shell does when nothing matches. Stateless.
 */
final class CommandLine {
  private static final String OPERATORS = "|&;<>()`";

  private CommandLine() {}

  /** Why a command line cannot be split; the message gives a position, never the text around it. */
  static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The words of {@code line}.
   *
   * @param home the home directory for a leading {@code ~}; empty when unknown (a {@code ~} is then refused)
   * @throws Problem saying what is wrong and at which character (counted from 1)
   */
  static List<String> split(String line, Optional<String> home) throws Problem {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false; // true once the current word has begun, even if empty so far ('' is a word)
    int firstQuoted = -1; // where quoting began in the current word; -1 while none of it is quoted or escaped
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      int at = i + 1;
      if (c == '\0') {
        throw new Problem("NUL character at character " + at);
      }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inWord) {
          words.add(finish(word, firstQuoted, words.isEmpty()));
          word.setLength(0);
          inWord = false;
          firstQuoted = -1;
        }
        i++;
        continue;
      }
      if (c == '\'') {
        int close = line.indexOf('\'', i + 1);
        if (close < 0) {
          throw new Problem("unbalanced single quote (opened at character " + at + ")");
        }
        firstQuoted = firstQuoted < 0 ? word.length() : firstQuoted;
        word.append(line, i + 1, close);
        inWord = true;
        i = close + 1;
        continue;
      }
      if (c == '"') {
        firstQuoted = firstQuoted < 0 ? word.length() : firstQuoted;
        i = doubleQuoted(line, i, word);
        inWord = true;
        continue;
      }
      if (c == '\\') {
        if (i + 1 >= n) {
          throw new Problem("trailing backslash at character " + at + " (escape it as \\\\ or quote it)");
        }
        char next = line.charAt(i + 1);
        if (next == '\0') {
          throw new Problem("NUL character at character " + (at + 1));
        }
        if (next != '\n') {
          firstQuoted = firstQuoted < 0 ? word.length() : firstQuoted;
          word.append(next);
          inWord = true;
        }
        i += 2;
        continue;
      }
      if (OPERATORS.indexOf(c) >= 0) {
        throw shellOnly("'" + c + "' at character " + at + " is shell syntax");
      }
      if (c == '$') {
        throw shellOnly("'$' at character " + at + " would be expanded by a shell");
      }
      if (c == '#' && !inWord) {
        throw shellOnly("'#' at character " + at + " starts a comment in a shell");
      }
      if (c == '~' && !inWord) {
        boolean alone = i + 1 >= n || " \t\n\r/".indexOf(line.charAt(i + 1)) >= 0;
        if (!alone) {
          throw new Problem("'~user' at character " + at + " is not supported; write the path in full");
        }
        firstQuoted = 0; // the home directory is a value, not syntax
        word.append(home.orElseThrow(() -> new Problem(
            "'~' at character " + at + " needs the home directory, and user.home is not set")));
        inWord = true;
        i++;
        continue;
      }
      word.append(c);
      inWord = true;
      i++;
    }
    if (inWord) {
      words.add(finish(word, firstQuoted, words.isEmpty()));
    }
    return List.copyOf(words);
  }

  /** Reads {@code "…"} starting at {@code open} into {@code word}; returns the index after the closing quote. */
  private static int doubleQuoted(String line, int open, StringBuilder word) throws Problem {
    int i = open + 1;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      int at = i + 1;
      if (c == '"') {
        return i + 1;
      }
      if (c == '\0') {
        throw new Problem("NUL character at character " + at);
      }
      if (c == '$') {
        throw shellOnly("'$' at character " + at + " would be expanded by a shell even inside double quotes");
      }
      if (c == '`') {
        throw shellOnly("'`' at character " + at + " is a command substitution even inside double quotes");
      }
      if (c == '\\' && i + 1 < n) {
        char next = line.charAt(i + 1);
        if (next == '"' || next == '\\' || next == '$' || next == '`') {
          word.append(next);
          i += 2;
          continue;
        }
        if (next == '\n') {
          i += 2;
          continue;
        }
      }
      word.append(c);
      i++;
    }
    throw new Problem("unbalanced double quote (opened at character " + (open + 1) + ")");
  }

  /** The finished word; refuses {@code NAME=…} as the first word, which a shell takes as an assignment. */
  private static String finish(StringBuilder word, int firstQuoted, boolean first) throws Problem {
    String w = word.toString();
    String unquoted = firstQuoted < 0 ? w : w.substring(0, firstQuoted);
    if (first && unquoted.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
      throw new Problem("the command starts with an environment assignment ('" + w.substring(0, w.indexOf('='))
          + "=…'); the environment is passed on unchanged: write env NAME=value command");
    }
    return w;
  }

  private static Problem shellOnly(String what) {
    return new Problem(what + ", but the command runs without a shell: quote it to pass it literally, or put"
        + " the shell code in a script and run that");
  }

  /**
   * The executable's file name, for messages and the origin: {@code /usr/local/bin/op} is {@code op}. Arguments
   * are never shown (they may hold a token or a secret's path).
   */
  static String executableName(String executable) {
    String s = executable;
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    int slash = s.lastIndexOf('/');
    String name = slash >= 0 && slash < s.length() - 1 ? s.substring(slash + 1) : s;
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return out.length() > 80 ? out.substring(0, 79) + "…" : out.toString();
  }
}
