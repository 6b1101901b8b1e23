package dev.fireflyauth.redis;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Where the Redis store is, parsed from the {@code FIREFLY_TOKEN_STORE} spec without any Redis client class:
 * the topology (one server, Sentinel, Cluster), TLS, the servers, the database, the Sentinel master, and the
 * user and password written in the URI.
 *
 * <p>Why it exists: the spec may carry a password, so it is parsed once, here, into parts; everything shown
 * afterwards ({@link #display()}, messages) is rebuilt from the parts with the user info replaced by
 * {@code ***}. Forms:
 * <pre>
 * redis://[[user:]password@]host[:port][/db]           one server, default port 6379, database 0
 * rediss://…                                           the same over TLS
 * redis-sentinel://[[user:]password@]host[:port][,host[:port]…][/db]?sentinelMasterId=name   (port 26379)
 * rediss-sentinel://…                                  Sentinel, TLS to sentinels and data nodes
 * redis-cluster://[[user:]password@]host[:port][,host[:port]…]                              (seed nodes)
 * rediss-cluster://…                                   Cluster over TLS
 * </pre>
 * Like Lettuce and redis-cli, a user info without {@code ':'} is a password. Percent-escapes in the user info
 * are decoded, so {@code %40} stands for {@code @}. Immutable.
 *
 * @param topology one server, Sentinel or Cluster
 * @param tls whether connections use TLS ({@code rediss…})
 * @param hosts the server, the sentinels, or the cluster seed nodes
 * @param database the database number (always 0 for a cluster)
 * @param sentinelMasterId the master's name for Sentinel, else null
 * @param username the user written in the URI, or null
 * @param password the password written in the URI, or null
 */
record RedisLocation(
    Topology topology, boolean tls, List<HostAndPort> hosts, int database, String sentinelMasterId,
    String username, Secret password) {

  /** How the servers are organised. */
  enum Topology {
    STANDALONE(6379),
    SENTINEL(26379),
    CLUSTER(6379);

    final int defaultPort;

    Topology(int defaultPort) {
      this.defaultPort = defaultPort;
    }
  }

  /** One server address; a literal IPv6 address without brackets. */
  record HostAndPort(String host, int port) {
    @Override
    public String toString() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** The schemes this store answers to, lower case. */
  static final List<String> SCHEMES =
      List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel", "redis-cluster", "rediss-cluster");
  static final String MASTER_PARAM = "sentinelMasterId";
  private static final String EXAMPLE = "redis://host:6379/0";
  private static final Pattern PLAIN_HOST =
      Pattern.compile("([A-Za-z0-9._-]*|\\[[0-9A-Fa-f:.%]+\\])(:[0-9]{0,5})?");

  RedisLocation {
    hosts = List.copyOf(hosts);
  }

  /**
   * Parses {@code spec}.
   *
   * @throws ConfigurationException naming what is wrong, showing the spec with its user info masked
   */
  static RedisLocation parse(String spec) {
    String s = spec.trim();
    int sep = s.indexOf("://");
    String scheme = sep < 0 ? s.toLowerCase(Locale.ROOT) : s.substring(0, sep).toLowerCase(Locale.ROOT);
    if (sep < 0 || !SCHEMES.contains(scheme)) {
      throw bad(s, "it must start with one of " + String.join("://, ", SCHEMES) + "://");
    }
    Topology topology = scheme.endsWith("-sentinel") ? Topology.SENTINEL
        : scheme.endsWith("-cluster") ? Topology.CLUSTER : Topology.STANDALONE;
    boolean tls = scheme.startsWith("rediss");
    String rest = s.substring(sep + 3);
    if (rest.indexOf('#') >= 0 && rest.indexOf('#') > rest.lastIndexOf('@')) {
      throw bad(s, "a fragment ('#…') is not supported");
    }
    // The last '@' ends the user info, so a password may contain '/', '?' or '@' unescaped.
    int at = rest.lastIndexOf('@');
    String userInfo = at < 0 ? null : rest.substring(0, at);
    String afterUser = at < 0 ? rest : rest.substring(at + 1);
    int end = firstOf(afterUser, "/?");
    String hostList = afterUser.substring(0, end);
    String tail = afterUser.substring(end);
    int q = tail.indexOf('?');
    String path = q < 0 ? tail : tail.substring(0, q);
    String query = q < 0 ? "" : tail.substring(q + 1);

    List<HostAndPort> hosts = hosts(s, hostList, topology);
    if (topology == Topology.STANDALONE && hosts.size() > 1) {
      throw bad(s, "it names " + hosts.size() + " servers; use redis-sentinel:// or redis-cluster:// for several");
    }
    int database = database(s, path, topology);
    String master = params(s, query, topology);

    String username = null;
    Secret password = null;
    if (userInfo != null) {
      if (userInfo.isEmpty()) {
        throw bad(s, "the user info before '@' is empty");
      }
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? "" : decode(s, userInfo.substring(0, colon), "user");
      String pass = decode(s, colon < 0 ? userInfo : userInfo.substring(colon + 1), "password");
      if (pass.isEmpty()) {
        throw bad(s, "the password in the user info is empty");
      }
      username = user.isEmpty() ? null : user;
      password = Secret.of(pass);
    }
    return new RedisLocation(topology, tls, hosts, database, master, username, password);
  }

  /** The scheme, e.g. {@code rediss-sentinel}. */
  String scheme() {
    String base = switch (topology) {
      case STANDALONE -> "redis";
      case SENTINEL -> "redis-sentinel";
      case CLUSTER -> "redis-cluster";
    };
    return tls ? base.replaceFirst("^redis", "rediss") : base;
  }

  /**
   * The location as it may be shown: {@code redis://***@host:6379/0}. Never the user or the password.
   */
  String display() {
    StringBuilder b = new StringBuilder(scheme()).append("://");
    if (password != null) {
      b.append("***@");
    }
    for (int i = 0; i < hosts.size(); i++) {
      b.append(i == 0 ? "" : ",").append(hosts.get(i));
    }
    if (topology != Topology.CLUSTER) {
      b.append('/').append(database);
    }
    if (sentinelMasterId != null) {
      b.append('?').append(MASTER_PARAM).append('=').append(sentinelMasterId);
    }
    return b.toString();
  }

  /**
   * A spec that could not be parsed, with anything that may be a password masked: the user info, any host
   * entry that is not plainly {@code host}, {@code host:port} or {@code [v6]:port} (a forgotten '@' turns
   * {@code user:password} into a "host"), and the value of a query parameter such as {@code ?password=…}
   * (other clients' URI forms) that {@link Locator#looksSecret} or whose name {@link Locator#showName} hides.
   */
  static String masked(String spec) {
    int sep = spec.indexOf("://");
    if (sep < 0) {
      int colon = spec.indexOf(':');
      return colon < 0 ? (spec.indexOf('@') < 0 ? spec : "***") : spec.substring(0, colon) + ":…";
    }
    String rest = spec.substring(sep + 3);
    int at = rest.lastIndexOf('@');
    String afterUser = at < 0 ? rest : rest.substring(at + 1);
    int end = firstOf(afterUser, "/?#");
    StringBuilder b = new StringBuilder(spec.substring(0, sep + 3)).append(at < 0 ? "" : "***@");
    String[] parts = afterUser.substring(0, end).split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      b.append(i == 0 ? "" : ",").append(PLAIN_HOST.matcher(parts[i].trim()).matches() ? parts[i].trim() : "***");
    }
    String tail = afterUser.substring(end);
    int q = tail.indexOf('?');
    return b.append(q < 0 ? tail : tail.substring(0, q + 1) + maskedQuery(tail.substring(q + 1))).toString();
  }

  private static String maskedQuery(String query) {
    StringJoiner out = new StringJoiner("&");
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      boolean shown = Locator.showName(name).equals("'" + name + "'");
      String value = eq < 0 ? "" : "=" + (shown && !Locator.looksSecret(name) ? pair.substring(eq + 1) : "…");
      out.add((shown ? name : "…") + value);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "RedisLocation{" + display() + (username == null ? "" : ", user set") + '}';
  }

  private static List<HostAndPort> hosts(String spec, String list, Topology topology) {
    if (list.isEmpty()) {
      throw bad(spec, "it names no host");
    }
    List<HostAndPort> out = new ArrayList<>();
    for (String part : list.split(",", -1)) {
      out.add(hostAndPort(spec, part.trim(), topology.defaultPort));
    }
    return out;
  }

  private static HostAndPort hostAndPort(String spec, String text, int defaultPort) {
    if (text.isEmpty()) {
      throw bad(spec, "its host list has an empty entry");
    }
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw bad(spec, "an IPv6 address lacks its ']'");
      }
      host = text.substring(1, close);
      String after = text.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw bad(spec, "unexpected text after the IPv6 address " + host);
        }
        port = after.substring(1);
      }
    } else {
      int colon = text.lastIndexOf(':');
      if (colon >= 0 && text.indexOf(':') != colon) {
        throw bad(spec, "a host has several ':'; write an IPv6 address in brackets, e.g. [::1]:6379");
      }
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
    }
    if (host.isEmpty() || !host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-'
        || c == '_' || c == ':' || c == '%')) {
      throw bad(spec, "a host is empty or has characters a host name or address cannot have");
    }
    int p = defaultPort;
    if (port != null) {
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        p = -1;
      }
      if (p < 1 || p > 65535) {
        throw bad(spec, "the port of host " + host + " is not a number from 1 to 65535");
      }
    }
    return new HostAndPort(host, p);
  }

  private static int database(String spec, String path, Topology topology) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.isEmpty()) {
      return 0;
    }
    int db;
    try {
      db = Integer.parseInt(p);
    } catch (NumberFormatException e) {
      db = -1;
    }
    if (db < 0) {
      throw bad(spec, "the database '" + p + "' after the host is not a number (0, 1, …)");
    }
    if (topology == Topology.CLUSTER && db != 0) {
      throw bad(spec, "a Redis Cluster has only database 0, the URI names " + db);
    }
    return db;
  }

  /** Checks the query; returns the Sentinel master's name (required for Sentinel, refused otherwise). */
  private static String params(String spec, String query, Topology topology) {
    String master = null;
    if (!query.isEmpty()) {
      for (String pair : query.split("&", -1)) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        if (!name.equals(MASTER_PARAM) || topology != Topology.SENTINEL) {
          throw bad(spec, "parameter " + Locator.showName(name) + " is not known"
              + (topology == Topology.SENTINEL ? "; the only one is " + MASTER_PARAM : "; this form takes none")
              + " (credentials go in FIREFLY_REDIS_USERNAME / FIREFLY_REDIS_PASSWORD, timeouts in"
              + " FIREFLY_REDIS_TIMEOUT)");
        }
        String value = eq < 0 ? "" : decode(spec, pair.substring(eq + 1), MASTER_PARAM);
        if (value.isBlank()) {
          throw bad(spec, MASTER_PARAM + " is empty");
        }
        master = value;
      }
    }
    if (topology == Topology.SENTINEL && master == null) {
      throw bad(spec, "Sentinel needs the master's name: add ?" + MASTER_PARAM + "=mymaster");
    }
    return master;
  }

  /** Percent-decoding of {@code text} as UTF-8; an error never quotes the text (it may be a password). */
  private static String decode(String spec, String text, String what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    for (int pct = text.indexOf('%'); pct >= 0; pct = text.indexOf('%', i)) {
      // The literal run as a whole: a character outside the BMP is two chars, which one at a time would not encode.
      out.writeBytes(text.substring(i, pct).getBytes(StandardCharsets.UTF_8));
      if (pct + 2 >= text.length() || Character.digit(text.charAt(pct + 1), 16) < 0
          || Character.digit(text.charAt(pct + 2), 16) < 0) {
        throw bad(spec, "the " + what + " has a '%' that is not followed by two hex digits");
      }
      out.write(Character.digit(text.charAt(pct + 1), 16) * 16 + Character.digit(text.charAt(pct + 2), 16));
      i = pct + 3;
    }
    out.writeBytes(text.substring(i).getBytes(StandardCharsets.UTF_8));
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw bad(spec, "the " + what + " is not UTF-8 once its %-escapes are decoded");
    }
  }

  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  private static ConfigurationException bad(String spec, String why) {
    return new ConfigurationException("token store '" + masked(spec) + "' is not a valid Redis URI: " + why
        + " (e.g. " + EXAMPLE + ")");
  }

}
