package dev.fireflyauth.spi.support;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hosts an HTTP adapter (the Spring Boot starter, the OkHttp interceptor) adds the Firefly headers for: the
 * {@code firefly.http.hosts} setting, comma-separated patterns, {@code *.adobe.io} by default.
 *
 * <p>Why it exists: an adapter sits under every request an application makes, to any host; a token must reach
 * only the hosts it is meant for, and every adapter must decide that by the same rule. The rule:
 *
 * <ul>
 *   <li>{@code *.example.com} covers every sub-domain of {@code example.com} ({@code api.example.com},
 *       {@code a.b.example.com}), not {@code example.com} itself; the part after {@code *.} needs at least two
 *       labels, so that no pattern covers a whole top-level domain;
 *   <li>any other pattern is one exact host name or IP literal ({@code localhost}, {@code 127.0.0.1},
 *       {@code [::1]});
 *   <li>names compare case-insensitively; a host's trailing dot ({@code api.adobe.io.}) is ignored;
 *   <li>a covered host gets the headers over {@code https} only, or over plain {@code http} when it is a
 *       loopback host ({@link Endpoints#isLoopback}); a covered host over plain {@code http} elsewhere is refused
 *       with an error instead of sending the token in clear text or silently sending no token.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class HostAllowList {
  /** The setting: comma-separated host patterns. */
  public static final Setting HOSTS = Setting.of("firefly.http.hosts", "FIREFLY_HTTP_HOSTS");
  /** The patterns used when {@link #HOSTS} is not set. */
  public static final String DEFAULT = "*.adobe.io";

  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");
  private static final HostAllowList DEFAULT_LIST = parse(DEFAULT, "the default of " + HOSTS.property());

  private final List<String> exact;
  private final List<String> suffixes; // ".adobe.io" for "*.adobe.io"
  private final List<String> patterns;
  private final String where;

  private HostAllowList(List<String> exact, List<String> suffixes, List<String> patterns, String where) {
    this.exact = List.copyOf(exact);
    this.suffixes = List.copyOf(suffixes);
    this.patterns = List.copyOf(patterns);
    this.where = where;
  }

  /** {@code *.adobe.io}. */
  public static HostAllowList defaults() {
    return DEFAULT_LIST;
  }

  /**
   * The list {@link #HOSTS} names in {@code settings}, else {@link #defaults()}.
   *
   * @throws ConfigurationException naming the setting and where it was read when a pattern is malformed
   */
  public static HostAllowList from(Settings settings) {
    Optional<Settings.Value> v = settings.get(HOSTS);
    return v.isEmpty() ? DEFAULT_LIST : parse(v.get().value(), v.get().where());
  }

  /**
   * {@code text} as comma-separated host patterns.
   *
   * @param where how messages name the source of {@code text}, e.g. {@code environment variable FIREFLY_HTTP_HOSTS}
   * @throws ConfigurationException naming {@code where} and the bad pattern when one is malformed
   */
  public static HostAllowList parse(String text, String where) {
    List<String> exact = new ArrayList<>();
    List<String> suffixes = new ArrayList<>();
    List<String> patterns = new ArrayList<>();
    String[] parts = text.split(",", -1);
    for (String part : parts) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        throw new ConfigurationException(where + " has an empty entry; write comma-separated host patterns"
            + " such as " + DEFAULT + ",localhost");
      }
      if (p.startsWith("*.")) {
        String suffix = normalize(p.substring(2));
        if (!isHostName(suffix)) {
          throw bad(where, part, "'*.' must be followed by a host name");
        }
        if (!suffix.contains(".")) {
          throw bad(where, part, "it would cover a whole top-level domain; name at least two labels after '*.'");
        }
        suffixes.add("." + suffix);
      } else if (p.contains("*")) {
        throw bad(where, part, "'*' is allowed only as a leading '*.' (as in " + DEFAULT + ")");
      } else {
        String host = normalize(p);
        if (!(isHostName(host) || isIpv6(host))) {
          throw bad(where, part, "a host pattern is a host name or IP address, without scheme, port or path");
        }
        exact.add(host);
      }
      patterns.add(p);
    }
    return new HostAllowList(exact, suffixes, patterns, where);
  }

  private static ConfigurationException bad(String where, String pattern, String why) {
    // A host pattern is not secret; quoting it is what makes the message useful.
    return new ConfigurationException(where + ": '" + pattern.strip() + "' is not a host pattern: " + why);
  }

  /** Whether {@code host} (as a URL carries it; may be null) is covered by a pattern, whatever the scheme. */
  public boolean matches(String host) {
    if (host == null) {
      return false;
    }
    String h = normalize(host.toLowerCase(Locale.ROOT));
    if (h.isEmpty()) {
      return false;
    }
    if (exact.contains(h)) {
      return true;
    }
    for (String suffix : suffixes) {
      if (h.length() > suffix.length() && h.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a request to {@code scheme://host} gets the Firefly headers: the host is covered and the scheme is
   * {@code https} (or {@code http} to a loopback host).
   *
   * @throws ConfigurationException when the host is covered but the request would carry the token in clear text
   *     (any scheme but {@code https}, or {@code http} to a host that is not loopback)
   */
  public boolean covers(String scheme, String host) {
    if (!matches(host)) {
      return false;
    }
    String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
    if (s.equals("https") || (s.equals("http") && Endpoints.isLoopback(normalize(host)))) {
      return true;
    }
    throw new ConfigurationException("refusing to send the Firefly token to " + s + "://" + host + ": the host is in "
        + HOSTS.property() + " (" + where + "), but the token is sent over https only (plain http only to a"
        + " loopback host such as localhost); use an https URL");
  }

  /** The patterns, lower-cased, in the order given. */
  public List<String> patterns() {
    return patterns;
  }

  /** Where the patterns were read, e.g. {@code Spring property firefly.http.hosts}. */
  public String where() {
    return where;
  }

  /** The patterns and where they were read (host patterns are not secret). */
  @Override
  public String toString() {
    return "HostAllowList" + patterns + " from " + where;
  }

  /** Lower-cased input without surrounding IPv6 brackets or one trailing dot. */
  private static String normalize(String host) {
    String h = host;
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  private static boolean isHostName(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String label : s.split("\\.", -1)) {
      if (label.length() > 63 || !LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** An IPv6 literal; the pattern check first makes sure the JDK parses it as a literal, never by DNS. */
  private static boolean isIpv6(String s) {
    if (!s.contains(":") || !IPV6.matcher(s).matches()) {
      return false;
    }
    try {
      InetAddress.getByName(s);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
