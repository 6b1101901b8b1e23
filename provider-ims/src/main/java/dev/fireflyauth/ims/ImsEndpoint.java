package dev.fireflyauth.ims;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how patiently to talk to IMS: the token URL and the connect and request timeouts, validated
 * before any connection is attempted.
 *
 * <p>Why it exists: a plain-{@code http} token URL would send the client secret in clear text, so the URL is
 * checked once, up front, and every problem is reported as a configuration error naming the setting and where
 * it was read. Immutable.
 */
final class ImsEndpoint {
  static final String DEFAULT_URL = "https://ims-na1.adobelogin.com/ims/token/v3";
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final URI uri;
  private final Duration connectTimeout;
  private final Duration requestTimeout;

  ImsEndpoint(URI uri, Duration connectTimeout, Duration requestTimeout) {
    this.uri = uri;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Reads {@link Setting#IMS_URL} and the two timeout settings.
   *
   * @throws ConfigurationException naming the setting and where it was read
   */
  static ImsEndpoint from(Settings settings) {
    Optional<Settings.Value> url = settings.get(Setting.IMS_URL);
    URI uri =
        url.isPresent()
            ? validate(url.get().value(), url.get().where() + " (" + Setting.IMS_URL + ")")
            : URI.create(DEFAULT_URL);
    return new ImsEndpoint(
        uri,
        duration(settings, ImsTokenProviderFactory.CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
        duration(settings, ImsTokenProviderFactory.REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT));
  }

  /** {@code raw} as a token URL: absolute, https (or http to a loopback host), no user info. */
  static URI validate(String raw, String where) {
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new ConfigurationException(where + " is not a valid URL: " + e.getReason());
    }
    if (uri.getRawUserInfo() != null) {
      throw new ConfigurationException(where + " must not contain user info (nothing secret belongs in the URL)");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new ConfigurationException(
          where + " must be an absolute https URL such as " + DEFAULT_URL + ", was '" + raw + "'");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw new ConfigurationException(
          where + " is '" + raw + "': https is required, because the client secret is sent to this URL"
              + " (plain http is allowed only for a loopback host such as localhost)");
    }
    return uri;
  }

  /** Whether {@code host} is loopback, decided without a DNS look-up. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    boolean literal = IPV4.matcher(h).matches() || (h.startsWith("[") && h.endsWith("]"));
    if (!literal) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * A positive duration setting: ISO-8601 ({@code PT10S}) or a number of seconds ({@code 10}, {@code 2.5}).
   *
   * @throws ConfigurationException naming the setting and where it was read
   */
  static Duration duration(Settings settings, Setting setting, Duration fallback) {
    Duration d = settings.duration(setting).orElse(fallback);
    if (d.isZero() || d.isNegative()) {
      String where = settings.get(setting).map(Settings.Value::where).orElse(setting.toString());
      throw new ConfigurationException(where + " (" + setting + ") must be a positive duration, was " + d);
    }
    return d;
  }


  URI uri() {
    return uri;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  Duration requestTimeout() {
    return requestTimeout;
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
