package dev.fireflyauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where to find credentials, as one string: the JDBC URL of this library.
 *
 * <pre>
 * firefly:&lt;source&gt;[:&lt;source-specific part&gt;][?key=value&amp;…]
 * firefly:env?prefix=MYAPP_
 * firefly:file:/etc/firefly/credentials.json?profile=prod
 * firefly:aws-secrets:prod/firefly?region=us-east-1
 * </pre>
 *
 * <p>Why it exists: one setting ({@code FIREFLY_CREDENTIALS}) can then name any source, including ones
 * written by third parties. A locator never carries a secret: a parameter whose name looks like one
 * ({@code secret}, {@code client-secret}, {@code apiSecret}, {@code secretKey}, {@code password},
 * {@code token} …) is refused, and messages never show a parameter's value ({@link #toString()} prints
 * {@code ?profile=…}), in case one was put there anyway.
 *
 * <p>The source name is lower-case letters, digits and dashes; query values are percent-decoded; the
 * source-specific part is kept as written. Immutable and thread-safe.
 */
public final class Locator {
  private static final String SCHEME = "firefly:";
  /** A parameter whose name, lower-cased without {@code - _ .}, contains one of these is refused. */
  private static final List<String> SECRET_WORDS = List.of("secret", "password", "passwd", "token", "privatekey");
  private static final String SHOWN_VALUE = "…";

  private final String text;
  private final String source;
  private final String part;
  private final Map<String, String> params;

  private Locator(String text, String source, String part, Map<String, String> params) {
    this.text = text;
    this.source = source;
    this.part = part;
    this.params = params;
  }

  /**
   * Parses {@code text}.
   *
   * @throws ConfigurationException saying what is wrong with the text
   */
  public static Locator parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.trim();
    if (!t.startsWith(SCHEME)) {
      throw malformed(t, "it must start with '" + SCHEME + "'");
    }
    String rest = t.substring(SCHEME.length());
    int q = rest.indexOf('?');
    String query = q < 0 ? "" : rest.substring(q + 1);
    String path = q < 0 ? rest : rest.substring(0, q);
    int colon = path.indexOf(':');
    String source = colon < 0 ? path : path.substring(0, colon);
    String part = colon < 0 ? "" : path.substring(colon + 1);
    if (source.isEmpty()) {
      throw malformed(t, "the source name after 'firefly:' is missing");
    }
    if (!source.matches("[a-z0-9][a-z0-9-]*")) {
      throw malformed(t, "the source name '" + source + "' may only hold lower-case letters, digits and '-'");
    }
    return new Locator(t, source, part, parseQuery(t, query));
  }

  private static Map<String, String> parseQuery(String text, String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return Collections.unmodifiableMap(params);
    }
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String key = decode(text, eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(text, pair.substring(eq + 1));
      if (key.isEmpty()) {
        throw malformed(text, "a query parameter has no name");
      }
      if (looksSecret(key)) {
        throw malformed(text, "parameter " + showName(key) + " looks like a secret; a locator never carries a"
            + " secret (keep it in the source the locator names)");
      }
      if (params.put(key, value) != null) {
        throw malformed(text, "parameter " + showName(key) + " is given twice");
      }
    }
    return Collections.unmodifiableMap(params);
  }

  private static String decode(String text, String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed(text, "bad percent-encoding in a query parameter");
    }
  }

  /**
   * Whether a parameter named {@code name} would carry a secret. A name ending in {@code field} names where a
   * value is kept ({@code secretField=client_secret}), not the value, and is allowed.
   */
  public static boolean looksSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceAll("[-_.\\s]", "");
    return !n.endsWith("field") && SECRET_WORDS.stream().anyMatch(n::contains);
  }

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

  /**
   * A parameter name as messages show it: quoted when it is a plain short name, else not at all (what a user
   * typed before '=' may be a pasted secret).
   */
  public static String showName(String name) {
    return PLAIN_NAME.matcher(name).matches() ? "'" + name + "'" : "(a parameter whose name is not shown)";
  }

  private static ConfigurationException malformed(String text, String why) {
    return new ConfigurationException("malformed locator '" + redact(text) + "': " + why
        + " (expected firefly:<source>[:<part>][?key=value&...])");
  }

  /** {@code text} with every query value replaced by "…", names kept as {@link #showName} allows. */
  private static String redact(String text) {
    int q = text.indexOf('?');
    if (q < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.substring(0, q + 1));
    String[] pairs = text.substring(q + 1).split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        sb.append('&');
      }
      int eq = pairs[i].indexOf('=');
      String name = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
      sb.append(PLAIN_NAME.matcher(name).matches() ? name : "…");
      if (eq >= 0) {
        sb.append('=').append(SHOWN_VALUE);
      }
    }
    return sb.toString();
  }

  /** The source name, e.g. {@code file}. */
  public String source() {
    return source;
  }

  /** What follows {@code firefly:<source>:} up to {@code ?}, e.g. a path; empty when absent. */
  public String part() {
    return part;
  }

  /** The query parameters in the order written, decoded. */
  public Map<String, String> params() {
    return params;
  }

  /** One query parameter, or empty. */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** The locator exactly as written, values included; for re-parsing, not for messages. */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Locator l && text.equals(l.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The locator as messages show it: source and part as written, query values shown as "…". */
  @Override
  public String toString() {
    return redact(text);
  }
}
