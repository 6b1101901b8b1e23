package dev.fireflyauth.spi.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) reader for the small documents this library reads: credentials files, Secrets
 * Manager values, IMS and agent replies, a credential process's output.
 *
 * <p>Why it exists, instead of Jackson: the {@code api} module is JDK-only, and every source that reads JSON
 * must reject the same things with the same message. It is strict where a lenient parser would guess: a
 * duplicated key, text after the value, comments, single quotes, trailing commas, unescaped control
 * characters, leading zeros and non-finite numbers are errors. Error messages ({@link JsonProblem}) give a
 * line and column and never quote the input. It keeps no state between calls (no thread-local buffers that
 * would pin a class loader) and loads a handful of classes.
 *
 * <p>Values are {@link Map} (insertion-ordered, unmodifiable), {@link List} (unmodifiable), {@link String},
 * {@link BigInteger} (numbers without fraction or exponent), {@link BigDecimal} (other numbers),
 * {@link Boolean}, and {@code null} for JSON {@code null}. Nesting is limited to {@value #MAX_DEPTH} levels,
 * numbers to {@value #MAX_NUMBER_LENGTH} characters and exponents to ±{@value #MAX_EXPONENT}; callers bound
 * the text's size. Thread-safe, stateless.
 */
public final class StrictJson {
  /** Deeper nesting is refused: no document we read is nested more than a few levels. */
  public static final int MAX_DEPTH = 64;
  /** Longer numbers are refused. */
  public static final int MAX_NUMBER_LENGTH = 1000;
  /** Larger exponents are refused (a {@code 1e999999999} must not become a huge {@code BigInteger} later). */
  public static final int MAX_EXPONENT = 9999;

  private final String text;
  private int pos;

  private StrictJson(String text) {
    this.text = text;
  }

  /**
   * The value {@code text} holds.
   *
   * @throws JsonProblem saying what is wrong and where, without quoting the text
   */
  public static Object parse(String text) throws JsonProblem {
    StrictJson p = new StrictJson(text);
    p.skipSpace();
    if (p.pos >= text.length()) {
      throw p.problem("no JSON value (the text is empty)");
    }
    Object value = p.value(0);
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.problem("unexpected text after the JSON value");
    }
    return value;
  }

  private Object value(int depth) throws JsonProblem {
    if (pos >= text.length()) {
      throw problem("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw problem(unexpected(c));
    }
  }

  private Map<String, Object> object(int depth) throws JsonProblem {
    checkDepth(depth);
    pos++; // {
    Map<String, Object> map = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(map);
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw problem(pos >= text.length() ? "unexpected end of input" : "expected a quoted key");
      }
      int keyStart = pos;
      String key = string();
      skipSpace();
      expect(':', "expected ':' after a key");
      skipSpace();
      Object v = value(depth);
      if (map.containsKey(key)) {
        pos = keyStart;
        throw problem("duplicate key");
      }
      map.put(key, v);
      skipSpace();
      char c = peek();
      if (c == ',') {
        pos++;
        continue;
      }
      if (c == '}') {
        pos++;
        return Collections.unmodifiableMap(map);
      }
      throw problem(pos >= text.length() ? "unexpected end of input" : "expected ',' or '}'");
    }
  }

  private List<Object> array(int depth) throws JsonProblem {
    checkDepth(depth);
    pos++; // [
    List<Object> list = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      skipSpace();
      list.add(value(depth));
      skipSpace();
      char c = peek();
      if (c == ',') {
        pos++;
        continue;
      }
      if (c == ']') {
        pos++;
        return Collections.unmodifiableList(list);
      }
      throw problem(pos >= text.length() ? "unexpected end of input" : "expected ',' or ']'");
    }
  }

  private String string() throws JsonProblem {
    pos++; // opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw problem("unexpected end of input inside a string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return sb.toString();
      }
      if (c < 0x20) {
        throw problem("control character inside a string (escape it)");
      }
      if (c != '\\') {
        sb.append(c);
        pos++;
        continue;
      }
      if (pos + 1 >= text.length()) {
        throw problem("unexpected end of input inside a string");
      }
      char e = text.charAt(pos + 1);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append(hex4(pos + 2));
          pos += 4;
        }
        default -> throw problem("invalid escape sequence inside a string");
      }
      pos += 2;
    }
  }

  private char hex4(int at) throws JsonProblem {
    if (at + 4 > text.length()) {
      throw problem("unexpected end of input inside a string");
    }
    int v = 0;
    for (int i = at; i < at + 4; i++) {
      int d = Character.digit(text.charAt(i), 16);
      if (d < 0) {
        throw problem("invalid \\u escape inside a string");
      }
      v = v * 16 + d;
    }
    return (char) v;
  }

  private Object number() throws JsonProblem {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
      if (Character.isDigit(peek())) {
        pos = start;
        throw problem("a number may not start with 0");
      }
    } else if (!digits()) {
      throw problem("invalid number");
    }
    boolean integral = true;
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!digits()) {
        throw problem("invalid number: digits must follow '.'");
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      int expStart = pos;
      if (!digits()) {
        throw problem("invalid number: digits must follow the exponent");
      }
      if (pos - expStart > 4 || Integer.parseInt(text.substring(expStart, pos)) > MAX_EXPONENT) {
        pos = start;
        throw problem("number out of range (exponent beyond " + MAX_EXPONENT + ")");
      }
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      pos = start;
      throw problem("number longer than " + MAX_NUMBER_LENGTH + " characters");
    }
    String n = text.substring(start, pos);
    return integral ? new BigInteger(n) : new BigDecimal(n);
  }

  private boolean digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private Object literal(String word, Object value) throws JsonProblem {
    if (!text.startsWith(word, pos)) {
      throw problem(unexpected(text.charAt(pos)));
    }
    pos += word.length();
    return value;
  }

  private void expect(char c, String otherwise) throws JsonProblem {
    if (peek() != c) {
      throw problem(pos >= text.length() ? "unexpected end of input" : otherwise);
    }
    pos++;
  }

  private void checkDepth(int depth) throws JsonProblem {
    if (depth > MAX_DEPTH) {
      throw problem("nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  /** Names structural characters only: any other character might be part of a secret. */
  private static String unexpected(char c) {
    if ("{}[]:,\"".indexOf(c) >= 0) {
      return "unexpected '" + c + "'";
    }
    if (c == '\'') {
      return "unexpected single quote (JSON strings use double quotes)";
    }
    if (c == '/' || c == '#') {
      return "unexpected comment (JSON has no comments)";
    }
    return "unexpected character";
  }

  private JsonProblem problem(String what) {
    int line = 1;
    int column = 1;
    int end = Math.min(pos, text.length());
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        column = 1;
      } else if (c != '\r') {
        column++;
      }
    }
    return new JsonProblem(what, line, column);
  }
}
