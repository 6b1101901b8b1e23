package dev.fireflyauth.spi.support;

/**
 * Why a text is not the JSON we accept, and where: what went wrong (never the input itself, which may be a
 * secret) and the line and column, both counted from 1.
 *
 * <p>Why it exists: every JSON we read (a credentials file, a Secrets Manager value, an IMS reply, a credential
 * process's output) reports a syntax error in one wording, {@link #describe(String)}, so users learn it once.
 */
public final class JsonProblem extends Exception {
  private static final long serialVersionUID = 1L;

  private final String what;
  private final int line;
  private final int column;

  JsonProblem(String what, int line, int column) {
    super(what + " at line " + line + ", column " + column, null, false, false);
    this.what = what;
    this.line = line;
    this.column = column;
  }

  /** What is wrong, e.g. {@code unexpected end of input}, {@code duplicate key}. */
  public String what() {
    return what;
  }

  /** The line of the problem, from 1. */
  public int line() {
    return line;
  }

  /** The column of the problem, from 1. */
  public int column() {
    return column;
  }

  /** The one wording: {@code <subject> is not valid JSON: duplicate key at line 3, column 5}. */
  public String describe(String subject) {
    return subject + " is not valid JSON: " + getMessage();
  }
}
