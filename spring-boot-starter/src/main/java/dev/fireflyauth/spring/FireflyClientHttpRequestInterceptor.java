package dev.fireflyauth.spring;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import java.io.IOException;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import dev.fireflyauth.spi.support.HostAllowList;

/**
 * Adds {@code x-api-key} and {@code Authorization: Bearer …} to requests a {@code RestClient} or
 * {@code RestTemplate} sends to a host in {@code firefly.http.hosts} (default {@code *.adobe.io}), and to no other
 * request; on a 401 from such a host it drops exactly the token that request carried and retries it once with a
 * new one.
 *
 * <p>Why it exists: apps should not fetch, cache and attach tokens by hand, and a client used for other services
 * too must never hand them the token. The auto-configuration applies it to every {@code RestClient.Builder} and
 * {@code RestTemplateBuilder} Spring Boot creates.
 *
 * <p>Rules: a request that already carries {@code Authorization} is left alone; an allowed host over plain
 * {@code http} (not loopback) fails with a {@link dev.fireflyauth.ConfigurationException} before anything is sent;
 * a failure to get a token is thrown as the library's {@link dev.fireflyauth.FireflyAuthException} (typed by
 * {@code kind()}). The retry is not repeated: a second 401 is the caller's. Spring Framework 6 runs the interceptors
 * after this one only for the first attempt, so the retry skips them (their header changes made in place stay).
 *
 * <p>Thread-safe; blocks only while there is no usable token (first request, after expiry, after a 401).
 */
public final class FireflyClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {
  private final FireflyAuth auth;
  private final RequestGate gate;

  /**
   * Signs requests for the hosts {@code firefly.http.hosts} names in {@code settings}, else {@code *.adobe.io}.
   *
   * @throws dev.fireflyauth.ConfigurationException naming the setting and where it was read when a pattern is
   *     malformed
   */
  public FireflyClientHttpRequestInterceptor(FireflyAuth auth, Settings settings) {
    this(auth, new RequestGate(HostAllowList.from(Objects.requireNonNull(settings, "settings"))));
  }

  FireflyClientHttpRequestInterceptor(FireflyAuth auth, RequestGate gate) {
    this.auth = Objects.requireNonNull(auth, "auth");
    this.gate = gate;
  }

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    if (!gate.signs(request.getURI(), request.getHeaders())) {
      return execution.execute(request, body);
    }
    AccessToken sent = auth.token();
    sign(request.getHeaders(), sent);
    ClientHttpResponse response = execution.execute(request, body);
    if (response.getStatusCode().value() != 401) {
      return response;
    }
    auth.invalidate(sent);
    AccessToken fresh = auth.token();
    if (fresh.sameValueAs(sent)) { // no other token to be had (a ready-made one): the 401 is the caller's
      return response;
    }
    response.close();
    sign(request.getHeaders(), fresh);
    return execution.execute(request, body);
  }

  private void sign(HttpHeaders headers, AccessToken token) {
    auth.headers(token).forEach(headers::set);
  }

  /** The host patterns; never a token. */
  @Override
  public String toString() {
    return "FireflyClientHttpRequestInterceptor{" + gate + '}';
  }
}
