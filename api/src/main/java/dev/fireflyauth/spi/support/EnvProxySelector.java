package dev.fireflyauth.spi.support;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses a proxy from the environment variables curl reads: {@code https_proxy} / {@code HTTPS_PROXY} for
 * https URLs, {@code http_proxy} for http URLs, {@code all_proxy} / {@code ALL_PROXY} as the fallback, and
 * {@code no_proxy} / {@code NO_PROXY} for the hosts that are reached directly.
 *
 * <p>Why it exists: containers and CI runners configure proxies with these variables, not with JVM
 * properties, and the JDK ignores them. The rules follow curl: the lower-case spelling wins; {@code no_proxy}
 * is a comma-separated list of host names (each also matching its sub-domains, a leading dot optional), IP
 * addresses, IPv4 CIDR ranges, or {@code *} for every host. Unlike curl, loopback hosts are always reached
 * directly (an emulator or sidecar on 127.0.0.1 must not be sent to a proxy). A proxy URL may carry
 * {@code user:password@}; it is answered only to the proxy's authentication challenge and never shown.
 * Immutable and thread-safe.
 */
public final class EnvProxySelector extends ProxySelector {
  private final ProxyUrl https;
  private final ProxyUrl http;
  private final List<String> noProxy;

  private EnvProxySelector(ProxyUrl https, ProxyUrl http, List<String> noProxy) {
    this.https = https;
    this.http = http;
    this.noProxy = noProxy;
  }

  /** A proxy URL from a variable, without its credentials in any message. */
  record ProxyUrl(InetSocketAddress address, String user, char[] password, String where) {
    @Override
    public String toString() {
      return address.getHostString() + ":" + address.getPort() + " (" + where + ")";
    }
  }

  /**
   * The selector the variables describe; empty when none of them names a proxy.
   *
   * @throws ConfigurationException naming the variable when a proxy URL is malformed
   */
  public static Optional<EnvProxySelector> from(Settings settings) {
    ProxyUrl all = first(settings, "all_proxy", "ALL_PROXY");
    ProxyUrl https = first(settings, "https_proxy", "HTTPS_PROXY");
    ProxyUrl http = first(settings, "http_proxy", null); // curl ignores HTTP_PROXY (CGI's "Proxy:" header)
    https = https != null ? https : all;
    http = http != null ? http : all;
    if (https == null && http == null) {
      return Optional.empty();
    }
    List<String> noProxy = new ArrayList<>();
    settings.env("no_proxy").or(() -> settings.env("NO_PROXY")).ifPresent(v -> {
      for (String entry : v.value().split(",")) {
        String e = entry.trim().toLowerCase(Locale.ROOT);
        if (!e.isEmpty()) {
          noProxy.add(e.startsWith(".") ? e.substring(1) : e);
        }
      }
    });
    return Optional.of(new EnvProxySelector(https, http, List.copyOf(noProxy)));
  }

  private static ProxyUrl first(Settings settings, String lower, String upper) {
    Optional<Settings.Value> v = settings.env(lower);
    if (v.isEmpty() && upper != null) {
      v = settings.env(upper);
    }
    return v.map(EnvProxySelector::parse).orElse(null);
  }

  private static ProxyUrl parse(Settings.Value v) {
    String raw = v.value();
    String withScheme = raw.contains("://") ? raw : "http://" + raw;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new ConfigurationException(v.where() + " is not a valid proxy URL (expected http://host:port)");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new ConfigurationException(v.where() + " must be an http proxy URL such as http://proxy:3128"
          + " (SOCKS proxies are not supported here; use the JVM's socksProxyHost)");
    }
    int port = uri.getPort() > 0 ? uri.getPort() : 1080; // curl's default proxy port
    String user = null;
    char[] password = null;
    String info = uri.getUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = colon < 0 ? info : info.substring(0, colon);
      password = colon < 0 ? new char[0] : info.substring(colon + 1).toCharArray();
    }
    return new ProxyUrl(InetSocketAddress.createUnresolved(uri.getHost(), port), user, password, v.where());
  }

  @Override
  public List<Proxy> select(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    ProxyUrl p = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
    if (p == null || Endpoints.isLoopback(host) || bypassed(host)) {
      return List.of(Proxy.NO_PROXY);
    }
    return List.of(new Proxy(Proxy.Type.HTTP, p.address()));
  }

  private boolean bypassed(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    for (String entry : noProxy) {
      if (entry.equals("*") || h.equals(entry) || h.endsWith("." + entry) || Cidr.contains(entry, h)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // Nothing to learn: the caller reports the failure with the endpoint.
  }

  /**
   * Answers a proxy's authentication challenge with the credentials of its URL, and nothing else (never a
   * server's challenge). Empty when no proxy URL carries credentials.
   */
  public Optional<java.net.Authenticator> authenticator() {
    if ((https == null || https.user() == null) && (http == null || http.user() == null)) {
      return Optional.empty();
    }
    return Optional.of(new java.net.Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        if (getRequestorType() != RequestorType.PROXY) {
          return null;
        }
        for (ProxyUrl p : new ProxyUrl[] {https, http}) {
          if (p != null && p.user() != null && p.address().getHostString().equalsIgnoreCase(getRequestingHost())
              && p.address().getPort() == getRequestingPort()) {
            return new PasswordAuthentication(p.user(), p.password().clone());
          }
        }
        return null;
      }
    });
  }

  /** The proxies chosen, for traces; never their credentials. */
  @Override
  public String toString() {
    return "EnvProxySelector{https=" + https + ", http=" + http + ", no_proxy=" + noProxy + '}';
  }

  /** IPv4 CIDR matching for {@code no_proxy} entries such as {@code 10.0.0.0/8}. */
  static final class Cidr {
    private Cidr() {}

    static boolean contains(String cidr, String host) {
      int slash = cidr.indexOf('/');
      if (slash < 0) {
        return false;
      }
      long net = ipv4(cidr.substring(0, slash));
      long ip = ipv4(host);
      if (net < 0 || ip < 0) {
        return false;
      }
      int bits;
      try {
        bits = Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        return false;
      }
      if (bits < 0 || bits > 32) {
        return false;
      }
      long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
      return (net & mask) == (ip & mask);
    }

    private static long ipv4(String s) {
      String[] parts = s.split("\\.", -1);
      if (parts.length != 4) {
        return -1;
      }
      long v = 0;
      for (String p : parts) {
        if (!p.matches("\\d{1,3}")) {
          return -1;
        }
        int n = Integer.parseInt(p);
        if (n > 255) {
          return -1;
        }
        v = (v << 8) | n;
      }
      return v;
    }
  }
}
