package dev.fireflyauth.spi.support;

import dev.fireflyauth.ConfigurationException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for every URL we send a secret or a token to (IMS, an AWS endpoint override, the token agent,
 * the I/O Management API): absolute, {@code https}, no user info; plain {@code http} only to a loopback host.
 *
 * <p>Why it exists: a plain-{@code http} URL would carry the secret or token in clear text across the network.
 * Emulators and sidecars listen on loopback, where nothing crosses the wire, so that one exception is allowed.
 * Loopback is decided without a DNS look-up ({@code localhost}, {@code *.localhost}, {@code 127.0.0.0/8},
 * {@code [::1]}), so a DNS answer cannot turn a remote host into "loopback".
 */
public final class Endpoints {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Endpoints() {}

  /**
   * {@code raw} as a URL we may send secrets to.
   *
   * @param where how messages name the setting, e.g. {@code environment variable FIREFLY_IMS_URL}
   * @param example a correct URL for the message, e.g. the default endpoint
   * @param carries what would travel in clear text, e.g. {@code "the client secret"}
   * @throws ConfigurationException naming {@code where} and what is wrong
   */
  public static URI requireSecure(String raw, String where, String example, String carries) {
    URI uri;
    try {
      uri = new URI(raw.trim());
    } catch (URISyntaxException e) {
      throw new ConfigurationException(where + " is not a valid URL: " + e.getReason());
    }
    if (uri.getRawUserInfo() != null) {
      throw new ConfigurationException(where + " must not contain user info (nothing secret belongs in the URL)");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new ConfigurationException(
          where + " must be an absolute https URL such as " + example + ", was '" + raw + "'");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw new ConfigurationException(
          where + " is '" + raw + "': https is required, because " + carries + " is sent to this URL"
              + " (plain http is allowed only for a loopback host such as localhost or 127.0.0.1)");
    }
    return uri;
  }

  /** Whether {@code host} is a loopback name or address, decided without a DNS look-up. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    boolean literal = IPV4.matcher(h).matches() || (h.startsWith("[") && h.endsWith("]")) || h.contains(":");
    if (!literal) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
