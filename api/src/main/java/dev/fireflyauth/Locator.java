package dev.fireflyauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where to find credentials, as one string: the JDBC URL of this library (DESIGN §3).
 *
 * <pre>
 * firefly:&lt;source&gt;[:&lt;source-specific part&gt;][?key=value&amp;…]
 * firefly:env?prefix=MYAPP_
 * firefly:file:/etc/firefly/credentials.json?profile=prod
 * firefly:aws-secrets:prod/firefly?region=us-east-1
 * </pre>
 *
 * <p>Why it exists: one setting ({@code FIREFLY_CREDENTIALS}) can then name any source, including ones
 * written by third parties, and the text can be logged because a locator never carries a secret: parameters
 * that look like one are refused.
 *
 * <p>The source name is lower-case letters, digits and dashes; query values are percent-decoded; the
 * source-specific part is kept as written. Immutable and thread-safe.
 */
public final class Locator {
  private static final String SCHEME = "firefly:";
  private static final Set<String> SECRET_PARAMS =
      Set.of("secret", "client_secret", "clientsecret", "password", "token", "access_token", "accesstoken");

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
      if (SECRET_PARAMS.contains(key.toLowerCase(java.util.Locale.ROOT))) {
        throw malformed(text, "parameter '" + key + "' looks like a secret; a locator never carries a secret");
      }
      if (params.put(key, value) != null) {
        throw malformed(text, "parameter '" + key + "' is given twice");
      }
    }
    return Collections.unmodifiableMap(params);
  }

  private static String decode(String text, String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed(text, "bad percent-encoding in '" + s + "'");
    }
  }

  private static ConfigurationException malformed(String text, String why) {
    return new ConfigurationException("malformed locator '" + text + "': " + why
        + " (expected firefly:<source>[:<part>][?key=value&...])");
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Locator && text.equals(((Locator) o).text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The locator as written (safe to log: it holds no secret). */
  @Override
  public String toString() {
    return text;
  }
}
