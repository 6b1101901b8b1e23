package dev.fireflyauth.ims;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.support.Endpoints;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how patiently to talk to IMS: the token URL and the connect and request timeouts, validated
 * before any connection is attempted.
 *
 * <p>Why it exists: a plain-{@code http} token URL would send the client secret in clear text, so the URL is
 * checked once, up front ({@link Endpoints#requireSecure}: https unless loopback), and every problem is
 * reported as a configuration error naming the setting and where it was read. Immutable.
 *
 * @param requestTimeout the longest one POST may take, response body included
 */
record ImsEndpoint(URI uri, Duration connectTimeout, Duration requestTimeout) {
  static final String DEFAULT_URL = "https://ims-na1.adobelogin.com/ims/token/v3";
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Reads {@link Setting#IMS_URL} and the two timeout settings.
   *
   * @throws ConfigurationException naming the setting and where it was read
   */
  static ImsEndpoint from(Settings settings) {
    Optional<Settings.Value> url = settings.get(Setting.IMS_URL);
    URI uri =
        url.isPresent()
            ? Endpoints.requireSecure(url.get().value(), url.get().where() + " (" + Setting.IMS_URL + ")",
                DEFAULT_URL, "the client secret")
            : URI.create(DEFAULT_URL);
    return new ImsEndpoint(
        uri,
        duration(settings, ImsTokenProviderFactory.CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
        duration(settings, ImsTokenProviderFactory.REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT));
  }

  /** A timeout setting: from 1 ms to a day. */
  private static Duration duration(Settings settings, Setting setting, Duration fallback) {
    return settings.duration(setting, fallback, Duration.ofMillis(1), Duration.ofDays(1));
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
