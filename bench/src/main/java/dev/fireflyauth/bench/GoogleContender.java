package dev.fireflyauth.bench;

import com.google.api.client.util.Clock;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Date;

/**
 * Google Auth {@code OAuth2Credentials} subclassed with a fake {@code refreshAccessToken}, as its Javadoc says
 * to extend it, default margins (refresh 3 min 45 s, expiry 3 min), called the way its HTTP adapter calls it:
 * {@code refreshIfExpired()} then {@code getAccessToken()} on the caller's thread.
 */
final class GoogleContender implements Contender {
  private final OAuth2Credentials credentials;

  GoogleContender(FakeIms ims, Clock clock) {
    this.credentials = new FakeImsCredentials(ims, clock);
    if (clock != Clock.SYSTEM) {
      setClock(credentials, clock);
    }
  }

  @Override
  public AccessToken token() throws IOException {
    credentials.refreshIfExpired();
    return credentials.getAccessToken();
  }

  /** The library's tests set this package-private field; there is no public way. */
  private static void setClock(OAuth2Credentials c, Clock clock) {
    try {
      Field f = OAuth2Credentials.class.getDeclaredField("clock");
      f.setAccessible(true);
      f.set(c, clock);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot give OAuth2Credentials a simulated clock", e);
    }
  }

  /** The subclass users write for a token endpoint Google does not know. */
  private static final class FakeImsCredentials extends OAuth2Credentials {
    private static final long serialVersionUID = 1L;
    private final transient FakeIms ims;
    private final transient Clock clock;

    FakeImsCredentials(FakeIms ims, Clock clock) {
      this.ims = ims;
      this.clock = clock;
    }

    @Override
    public AccessToken refreshAccessToken() {
      FakeIms.Issued t = ims.exchange();
      return new AccessToken(t.value, new Date(clock.currentTimeMillis() + t.lifetime.toMillis()));
    }
  }
}
