package dev.fireflyauth.spring;

import dev.fireflyauth.FireflyAuth;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import dev.fireflyauth.spi.support.HostAllowList;

/**
 * The one decision the RestClient interceptor and the WebClient filter share: does this request get our headers?
 * Yes when its host is in {@code firefly.http.hosts} (over https, or http to loopback) and it carries no
 * {@code Authorization} of its own (an application's own header wins).
 */
final class RequestGate {
  private final HostAllowList hosts;

  RequestGate(HostAllowList hosts) {
    this.hosts = hosts;
  }

  /**
   * Whether to sign a request to {@code uri} that already has {@code headers}.
   *
   * @throws dev.fireflyauth.ConfigurationException when the host is allowed but the scheme would carry the token
   *     in clear text
   */
  boolean signs(URI uri, HttpHeaders headers) {
    return !headers.containsKey(FireflyAuth.AUTHORIZATION_HEADER) && hosts.covers(uri.getScheme(), uri.getHost());
  }

  @Override
  public String toString() {
    return hosts.toString();
  }
}
