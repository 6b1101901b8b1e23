package dev.fireflyauth.okhttp;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import dev.fireflyauth.spi.support.HostAllowList;

/**
 * Answers a 401 to a request that {@link FireflyInterceptor} signed: drops exactly the token that request carried
 * ({@link FireflyAuth#invalidate}: many calls refused with the same token cause one new exchange) and retries the
 * request <em>once</em> with a new token.
 *
 * <p>Why it exists: a token can be revoked or expire early on the server's side; the first 401 is worth one retry
 * with a fresh token, a second is not (the credentials lack a permission), and a retry loop would hammer IMS. It
 * gives up, returning the 401 to the caller, when the 401 follows an earlier 401 in the same call (OkHttp's
 * {@link Response#priorResponse()} chain), when the request was not signed by us or no longer carries our token,
 * when the host is not allowed, or when no different token can be had (a ready-made token cannot be replaced).
 *
 * <p>Thread-safe. Use it with {@link FireflyInterceptor} installed as an application interceptor
 * ({@code addInterceptor}); it leaves every other 401 alone, so it is safe on a client shared with other services.
 */
public final class FireflyAuthenticator implements Authenticator {
  private final Signing signing;

  /**
   * Retries for the hosts in the system property {@code firefly.http.hosts} or the environment variable
   * {@code FIREFLY_HTTP_HOSTS}, else {@code *.adobe.io}.
   *
   * @throws dev.fireflyauth.ConfigurationException naming the setting when a host pattern is malformed
   */
  public FireflyAuthenticator(FireflyAuth auth) {
    this(auth, Settings.system());
  }

  /**
   * Retries for the hosts {@code firefly.http.hosts} names in {@code settings}, else {@code *.adobe.io}.
   *
   * @throws dev.fireflyauth.ConfigurationException naming the setting and where it was read when a host pattern is
   *     malformed
   */
  public FireflyAuthenticator(FireflyAuth auth, Settings settings) {
    this.signing = new Signing(Objects.requireNonNull(auth, "auth"),
        HostAllowList.from(Objects.requireNonNull(settings, "settings")));
  }

  @Override
  public Request authenticate(Route route, Response response) throws IOException {
    if (response.code() != 401) {
      return null;
    }
    for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
      if (prior.code() == 401) {
        return null; // retried once already
      }
    }
    Request request = response.request();
    Signing.SignedWith tag = request.tag(Signing.SignedWith.class);
    if (tag == null) {
      return null;
    }
    AccessToken sent = tag.token();
    // After a redirect to another host OkHttp has dropped our header: that 401 is not about our token.
    if (!sent.authorizationHeader().equals(request.header(FireflyAuth.AUTHORIZATION_HEADER))) {
      return null;
    }
    if (!signing.wants(request.newBuilder().removeHeader(FireflyAuth.AUTHORIZATION_HEADER).build())) {
      return null;
    }
    signing.invalidate(sent);
    AccessToken fresh = signing.token();
    if (fresh.sameValueAs(sent)) {
      return null;
    }
    return signing.sign(request, fresh);
  }
}
