package dev.fireflyauth.okhttp;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;
import dev.fireflyauth.spi.support.HostAllowList;

/**
 * Adds {@code x-api-key} and {@code Authorization: Bearer …} to each request an {@code OkHttpClient} sends to a
 * host in {@code firefly.http.hosts} (default {@code *.adobe.io}), and to no other request.
 *
 * <p>Why it exists: an app that talks to Firefly through OkHttp should not fetch, cache and attach tokens by hand,
 * and a client shared with other services must never hand the token to them. Install it as an
 * <em>application</em> interceptor together with a {@link FireflyAuthenticator}, which retries a 401 once:
 *
 * <pre>{@code
 * OkHttpClient http = new OkHttpClient.Builder()
 *     .addInterceptor(new FireflyInterceptor(auth))
 *     .authenticator(new FireflyAuthenticator(auth))
 *     .build();
 * }</pre>
 *
 * <p>Rules: a request that already carries an {@code Authorization} header is left alone; a covered host is signed
 * over {@code https} only (plain {@code http} only to a loopback host), a covered host over plain {@code http}
 * fails the call; a failure to get a token fails the call with a {@link FireflyAuthIOException}. The token is
 * cached by {@link FireflyAuth}: one exchange serves any number of calls. OkHttp itself drops
 * {@code Authorization} when it follows a redirect to another host.
 *
 * <p>Thread-safe; blocks a call only while there is no usable token (first call, after expiry).
 */
public final class FireflyInterceptor implements Interceptor {
  private final Signing signing;

  /**
   * Signs requests for the hosts in the system property {@code firefly.http.hosts} or the environment variable
   * {@code FIREFLY_HTTP_HOSTS}, else {@code *.adobe.io}.
   *
   * @throws dev.fireflyauth.ConfigurationException naming the setting when a host pattern is malformed
   */
  public FireflyInterceptor(FireflyAuth auth) {
    this(auth, Settings.system());
  }

  /**
   * Signs requests for the hosts {@code firefly.http.hosts} names in {@code settings}, else {@code *.adobe.io}.
   *
   * @throws dev.fireflyauth.ConfigurationException naming the setting and where it was read when a host pattern is
   *     malformed
   */
  public FireflyInterceptor(FireflyAuth auth, Settings settings) {
    this.signing = new Signing(Objects.requireNonNull(auth, "auth"),
        HostAllowList.from(Objects.requireNonNull(settings, "settings")));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (!signing.wants(chain.request())) {
      return chain.proceed(chain.request());
    }
    return chain.proceed(signing.sign(chain.request(), signing.token()));
  }
}
