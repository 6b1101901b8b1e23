package dev.fireflyauth.ims;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.fireflyauth.ims.ImsFixture.DEBUG_ID;
import static dev.fireflyauth.ims.ImsFixture.PATH;
import static dev.fireflyauth.ims.ImsFixture.ROTATED_SECRET;
import static dev.fireflyauth.ims.ImsFixture.SECOND_SECRET;
import static dev.fireflyauth.ims.ImsFixture.SECRET;
import static dev.fireflyauth.ims.ImsFixture.TOKEN;
import static dev.fireflyauth.ims.ImsFixture.credentials;
import static dev.fireflyauth.ims.ImsFixture.imsError;
import static dev.fireflyauth.ims.ImsFixture.ok;
import static dev.fireflyauth.ims.ImsFixture.secretsSent;
import static dev.fireflyauth.ims.ImsFixture.tokenPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialsRejectedException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SourceContext;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rejected credentials: next live secret, then one re-load from the source, then fail; never a loop. */
class ImsRejectionTest {
  @RegisterExtension static WireMockExtension ims = ImsFixture.wireMock();

  private final FakeTimeSource time = new FakeTimeSource();

  private static void rejects(String secret) {
    ims.stubFor(tokenPost().withFormParam("client_secret", equalTo(secret))
        .willReturn(imsError(401, "invalid_client", "invalid client_secret parameter")));
  }

  private static void accepts(String secret) {
    ims.stubFor(tokenPost().withFormParam("client_secret", equalTo(secret)).willReturn(ok(TOKEN)));
  }

  @Test
  void secondLiveSecretIsTriedWhenTheFirstIsRejected() {
    rejects(SECRET);
    accepts(SECOND_SECRET);
    FixtureSource source = new FixtureSource(credentials(SECRET, SECOND_SECRET));
    try (FireflyAuth auth = ImsFixture.auth(ims, time, source).build()) {
      assertEquals(TOKEN, auth.token().value().reveal());
    }
    assertEquals(List.of(SECRET, SECOND_SECRET), secretsSent(ims));
    assertEquals(0, source.refreshes.get());
  }

  @Test
  void rotatedSecretIsReloadedFromTheSourceOnce() {
    rejects(SECRET);
    accepts(ROTATED_SECRET);
    FixtureSource source = new FixtureSource(credentials(SECRET), credentials(ROTATED_SECRET));
    try (FireflyAuth auth = ImsFixture.auth(ims, time, source).build()) {
      assertEquals(TOKEN, auth.token().value().reveal());
    }
    assertEquals(List.of(SECRET, ROTATED_SECRET), secretsSent(ims));
    assertEquals(1, source.refreshes.get());
  }

  @Test
  void rejectedTwiceFailsOnceWithoutLooping() {
    rejects(SECRET);
    rejects(ROTATED_SECRET);
    FixtureSource source = new FixtureSource(credentials(SECRET), credentials(ROTATED_SECRET));
    try (FireflyAuth auth = ImsFixture.auth(ims, time, source).build()) {
      CredentialsRejectedException e = ImsFixture.failure(CredentialsRejectedException.class, auth::token);
      assertEquals(FireflyAuthException.Kind.REJECTED, e.kind());
      assertTrue(e.getMessage().contains("client ID ********7f3a from fixture"), e.getMessage());
      assertTrue(e.getMessage().contains("after 2 secret(s) and one re-load from the source; rotate or fix"),
          e.getMessage());
      assertTrue(e.getMessage().contains("answered HTTP 401 (x-debug-id " + DEBUG_ID + "), error invalid_client"),
          e.getMessage());
      // The failure is remembered briefly: an immediate second call makes no request either.
      ImsFixture.failure(CredentialsRejectedException.class, auth::token);
    }
    assertEquals(List.of(SECRET, ROTATED_SECRET), secretsSent(ims));
    assertEquals(1, source.refreshes.get());
    assertEquals(0, time.sleeps(), "rejections are never retried with backoff");
  }

  @Test
  void reloadWithTheSameRejectedSecretSendsNothingMore() {
    rejects(SECRET);
    FixtureSource source = new FixtureSource(credentials(SECRET));
    try (FireflyAuth auth = ImsFixture.auth(ims, time, source).build()) {
      ImsFixture.failure(CredentialsRejectedException.class, auth::token);
    }
    ims.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    assertEquals(1, source.refreshes.get());
  }

  @Test
  void status401WithoutAnErrorCodeIsARejection() {
    ImsFixture.failureFor(ims, time, ImsFixture.json(401, "{}"), CredentialsRejectedException.class);
  }

  @Test
  void invalidClientWithStatus400IsARejection() {
    ImsFixture.failureFor(ims, time, imsError(400, "invalid_client", "unknown client"),
        CredentialsRejectedException.class);
  }

  @Test
  void credentialsWithoutASecretNameTheSecretSetting() {
    try (FireflyAuth auth = ImsFixture.auth(ims, time, new FixtureSource(credentials())).build()) {
      ConfigurationException e = ImsFixture.failure(ConfigurationException.class, auth::token);
      assertTrue(e.getMessage().contains("credentials from fixture have a client ID but no client secret"),
          e.getMessage());
      assertTrue(e.getMessage().contains("FIREFLY_SERVICES_CLIENT_SECRET"), e.getMessage());
    }
    ims.verify(0, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void aSecretRotatedInTheSourceIsUsedAtTheNextExchangeWithoutARejectionFirst() {
    accepts(SECRET);
    accepts(ROTATED_SECRET);
    AtomicReference<dev.fireflyauth.ClientCredentials> held =
        new AtomicReference<>(credentials(SECRET));
    CredentialSource rotating = new CredentialSource() {
      @Override
      public String name() {
        return "rotating";
      }

      @Override
      public Optional<dev.fireflyauth.ClientCredentials> load(SourceContext c) {
        return Optional.of(held.get());
      }
    };
    try (FireflyAuth auth = ImsFixture.auth(ims, time, rotating).build()) {
      auth.token();
      held.set(credentials(ROTATED_SECRET)); // rotated in the store while the first token lives
      time.advance(Duration.ofDays(1));
      auth.token();
    }
    assertEquals(List.of(SECRET, ROTATED_SECRET), secretsSent(ims));
  }
}
