package dev.fireflyauth.ims;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.fireflyauth.ims.ImsFixture.PATH;
import static dev.fireflyauth.ims.ImsFixture.SECRET;
import static dev.fireflyauth.ims.ImsFixture.TOKEN;
import static dev.fireflyauth.ims.ImsFixture.TOKEN_2;
import static dev.fireflyauth.ims.ImsFixture.imsError;
import static dev.fireflyauth.ims.ImsFixture.ok;
import static dev.fireflyauth.ims.ImsFixture.tokenPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.cache.Backoff;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.fireflyauth.testing.LeakScan;

/** An IMS outage inside the refresh window costs callers nothing and IMS a bounded number of requests. */
class ImsOutageTest {
  @RegisterExtension static WireMockExtension ims = ImsFixture.wireMock();

  private final FakeTimeSource time = new FakeTimeSource();

  @Test
  void thirtyMinutesOf503WithoutJitterCostsAnExactNumberOfRequests() {
    // Jitter off, so the count of requests is exact: per exchange 3 POSTs with 1 s + 2 s pauses; between
    // failed exchanges the cache waits 1, 2, 4, … 256 s, then 300 s (the default cap).
    ImsTokenProviderFactory factory = ImsTokenProviderFactory.builder()
        .retryBackoff(Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(10), 0))
        .refreshBackoff(Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(5), 0))
        .build();
    // Calls come 10 s apart and each failed exchange pauses 3 s, so an exchange starts at the first call at
    // or after each backoff delay: t = 0, 13, 26, 39, 52, 75, 118, 191, 324, 587 s (delays 1 … 256 s), then
    // every 303 s (300 s cap + 3 s of pauses): 890, 1193, 1496, 1799 s. 14 exchanges × 3 POSTs.
    assertEquals(14 * 3, outageRequests(factory));
  }

  @Test
  void thirtyMinutesOf503WithTheDefaultPolicyCostsABoundedNumberOfRequests() {
    // With jitter each cache delay is at least half of 1, 2, 4, … 256 s, 300 s: at most 10 exchanges in the
    // first 256 s, then one per 150 s at most: fewer than 22 exchanges of 3 POSTs in 30 minutes.
    int requests = outageRequests(new ImsTokenProviderFactory());
    assertTrue(requests >= 3 * 10 && requests <= 3 * 22, requests + " POSTs");
  }

  /** Serves a 24 h token, then answers 503 for 30 minutes inside its refresh window; returns the POSTs made then. */
  private int outageRequests(ImsTokenProviderFactory factory) {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN, "86400")));
    try (FireflyAuth auth = ImsFixture.auth(ims, time, new FixtureSource(ImsFixture.credentials(SECRET)))
        .addTokenProviderFactory(factory).build()) {
      assertEquals(TOKEN, auth.token().value().reveal());

      // A 24 h token is served until 23 h 59 min 30 s and refreshed from at most 2.88 h (10 % + 20 % jitter)
      // before that: 21.6 h is inside the refresh window, and 30 minutes later it still is.
      time.advance(Duration.ofMinutes(21 * 60 + 36));
      ims.stubFor(tokenPost().willReturn(imsError(503, "server_error", "maintenance")));
      long outageEnd = time.nanoTime() + Duration.ofMinutes(30).toNanos();
      int failed = 0;
      while (time.nanoTime() - outageEnd < 0) {
        try {
          assertEquals(TOKEN, auth.token().value().reveal());
        } catch (FireflyAuthException e) {
          LeakScan.record(e);
          failed++;
        }
        time.advance(Duration.ofSeconds(10));
      }
      assertEquals(0, failed, "failed token() calls during the outage");
      int requests = posts() - 1;

      // IMS is back: the first call after the backoff delay refreshes; callers never noticed.
      ims.stubFor(tokenPost().willReturn(ok(TOKEN_2, "86400")));
      time.advance(Duration.ofMinutes(5));
      auth.token();
      assertEquals(TOKEN_2, auth.token().value().reveal());
      return requests;
    }
  }

  private static int posts() {
    return ims.countRequestsMatching(postRequestedFor(urlPathEqualTo(PATH)).build()).getCount();
  }
}
