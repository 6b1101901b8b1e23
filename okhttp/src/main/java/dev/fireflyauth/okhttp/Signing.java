package dev.fireflyauth.okhttp;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;
import dev.fireflyauth.spi.support.HostAllowList;

/**
 * What {@link FireflyInterceptor} and {@link FireflyAuthenticator} share: which requests get the headers, how a
 * request is signed, and how the token it was signed with is remembered (a request tag, so the authenticator can
 * invalidate exactly that token and never keeps tokens anywhere else).
 */
final class Signing {
  /** The tag on a request we signed: the token it carries. {@code toString()} never shows the token. */
  record SignedWith(AccessToken token) {}

  private final FireflyAuth auth;
  private final HostAllowList hosts;

  Signing(FireflyAuth auth, HostAllowList hosts) {
    this.auth = auth;
    this.hosts = hosts;
  }

  /**
   * Whether {@code request} is to get our headers: its host is allowed and it carries no {@code Authorization} of
   * its own (an application's own header wins).
   */
  boolean wants(Request request) throws IOException {
    if (request.header(FireflyAuth.AUTHORIZATION_HEADER) != null) {
      return false;
    }
    HttpUrl url = request.url();
    try {
      return hosts.covers(url.scheme(), url.host());
    } catch (FireflyAuthException e) {
      throw new FireflyAuthIOException(e);
    }
  }

  /** The current token, blocking while the one shared exchange runs if none is cached. */
  AccessToken token() throws IOException {
    try {
      return auth.token();
    } catch (FireflyAuthException e) {
      throw new FireflyAuthIOException(e);
    } catch (IllegalStateException e) { // closed: an IOException, so an asynchronous call reports it
      throw new IOException(e.getMessage(), e);
    }
  }

  /** {@code request} with both headers for {@code token} and the tag naming it. */
  Request sign(Request request, AccessToken token) throws IOException {
    Map<String, String> headers;
    try {
      headers = auth.headers(token);
    } catch (FireflyAuthException e) {
      throw new FireflyAuthIOException(e);
    }
    Request.Builder b = request.newBuilder();
    headers.forEach(b::header);
    return b.tag(SignedWith.class, new SignedWith(token)).build();
  }

  void invalidate(AccessToken rejected) {
    auth.invalidate(rejected);
  }
}
