package dev.fireflyauth.ims;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.fireflyauth.ims.ImsFixture.CLIENT_ID;
import static dev.fireflyauth.ims.ImsFixture.PATH;
import static dev.fireflyauth.ims.ImsFixture.SECRET;
import static dev.fireflyauth.ims.ImsFixture.TOKEN;
import static dev.fireflyauth.ims.ImsFixture.TOKEN_2;
import static dev.fireflyauth.ims.ImsFixture.ok;
import static dev.fireflyauth.ims.ImsFixture.requests;
import static dev.fireflyauth.ims.ImsFixture.tokenPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.fireflyauth.testing.LeakScan;

class ImsHappyPathTest {
  @RegisterExtension static WireMockExtension ims = ImsFixture.wireMock();

  private final FakeTimeSource time = new FakeTimeSource();

  @Test
  void postsTheFormBodyWithNothingInTheQueryString() {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN)));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      auth.token();
    }
    LoggedRequest r = requests(ims).get(0);
    assertEquals(PATH, r.getUrl(), "no query string");
    assertTrue(r.getQueryParams().isEmpty());
    assertTrue(r.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"));
    assertEquals("client_credentials", r.formParameter("grant_type").firstValue());
    assertEquals(CLIENT_ID, r.formParameter("client_id").firstValue());
    assertEquals(SECRET, r.formParameter("client_secret").firstValue());
    assertEquals("openid,AdobeID,firefly_api", r.formParameter("scope").firstValue());
    assertTrue(r.getBodyAsString().contains("scope=openid%2CAdobeID%2Cfirefly_api"), "comma URL-encoded");
  }

  @Test
  void reusesTheTokenAcrossAThousandCalls() {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN)));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      for (int i = 0; i < 1000; i++) {
        assertEquals(TOKEN, auth.token().value().reveal());
        time.advance(Duration.ofSeconds(1));
      }
    }
    ims.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void tokenCarriesTypeAndLifetimeInSeconds() {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN, "86399")));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      AccessToken t = auth.token();
      assertEquals("bearer", t.type());
      assertEquals(Duration.ofSeconds(86399), t.lifetime());
      assertEquals(time.now().plusSeconds(86399), t.expiresAt().orElseThrow());
      LeakScan.record(t);
      LeakScan.record(auth);
      LeakScan.record(auth.tokenProvider());
    }
  }

  @Test
  void headersCarryApiKeyAndBearerToken() {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN)));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      assertEquals(
          Map.of("x-api-key", CLIENT_ID, "Authorization", "Bearer " + TOKEN), auth.headers());
    }
  }

  @Test
  void traceSaysTheImsExchangeIsUsed() {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN)));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      List<TraceEntry> trace = auth.explain();
      LeakScan.record(trace);
      assertTrue(trace.stream().anyMatch(e -> e.name().equals("static-token")
          && e.outcome() == TraceEntry.Outcome.SKIPPED && e.reason().contains("FIREFLY_SERVICES_ACCESS_TOKEN")),
          trace::toString);
      assertTrue(trace.stream().anyMatch(e -> e.name().equals("ims") && e.outcome() == TraceEntry.Outcome.USED),
          trace::toString);
    }
  }

  @Test
  void refreshesProactivelyBeforeExpiryWhileServingTheCurrentToken() {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN, "3600")));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      assertEquals(TOKEN, auth.token().value().reveal());
      ims.stubFor(tokenPost().willReturn(ok(TOKEN_2, "3600")));
      // 3600 s lifetime: served until 3570 s; the refresh window is 600 s + up to 20 % jitter before that, so
      // refreshing starts between 47.5 and 49.5 minutes.
      time.advance(Duration.ofMinutes(50));
      assertEquals(TOKEN, auth.token().value().reveal(), "the refreshing call is served the current token");
      assertEquals(TOKEN_2, auth.token().value().reveal());
    }
    ims.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
  }
}
