package dev.fireflyauth.ims;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static dev.fireflyauth.ims.ImsFixture.CLIENT_ID;
import static dev.fireflyauth.ims.ImsFixture.SECRET;
import static dev.fireflyauth.ims.ImsFixture.STATIC_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fireflyauth.AccessToken;
import dev.fireflyauth.CredentialsNotFoundException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.fireflyauth.testing.LeakScan;

class StaticTokenTest {
  @RegisterExtension static WireMockExtension ims = ImsFixture.wireMock();

  private final FakeTimeSource time = new FakeTimeSource();

  @Test
  void tokenWorksWithoutAnyClientIdAndTheTraceSaysStaticTokenIsUsed() {
    Settings settings = Settings.builder().environment(Map.of(Setting.ACCESS_TOKEN.env(), STATIC_TOKEN)).build();
    try (FireflyAuth auth = FireflyAuth.builder().settings(settings).timeSource(time).build()) {
      AccessToken t = auth.token();
      assertEquals(STATIC_TOKEN, t.value().reveal());
      assertEquals("bearer", t.type());
      assertFalse(t.hasExpiry());
      List<TraceEntry> trace = auth.explain();
      LeakScan.record(trace);
      LeakScan.record(auth.tokenProvider());
      assertTrue(trace.stream().anyMatch(e -> e.name().equals("static-token")
          && e.stage() == TraceEntry.Stage.TOKEN && e.outcome() == TraceEntry.Outcome.USED), trace::toString);
      assertTrue(auth.tokenProvider().toString().contains("environment variable FIREFLY_SERVICES_ACCESS_TOKEN"));
    }
  }

  @Test
  void systemPropertyWorksToo() {
    Settings settings =
        Settings.builder().systemProperties(Map.of(Setting.ACCESS_TOKEN.property(), STATIC_TOKEN)).build();
    try (FireflyAuth auth = FireflyAuth.builder().settings(settings).timeSource(time).build()) {
      assertEquals(STATIC_TOKEN, auth.token().value().reveal());
    }
  }

  @Test
  void headersTakeTheClientIdFromCredentialsWithoutASecret() {
    try (FireflyAuth auth =
        ImsFixture.auth(ims, time, new FixtureSource(ImsFixture.credentials()),
            Setting.ACCESS_TOKEN.property(), STATIC_TOKEN).build()) {
      assertEquals(Map.of("x-api-key", CLIENT_ID, "Authorization", "Bearer " + STATIC_TOKEN), auth.headers());
    }
    ims.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void staticTokenWinsOverClientCredentialsWithoutCallingIms() {
    try (FireflyAuth auth =
        ImsFixture.auth(ims, time, new FixtureSource(ImsFixture.credentials(SECRET)),
            Setting.ACCESS_TOKEN.property(), STATIC_TOKEN).build()) {
      assertEquals(STATIC_TOKEN, auth.token().value().reveal());
    }
    ims.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void withoutStaticTokenOrCredentialsTheImsProviderSaysNoneWereFound() {
    try (FireflyAuth auth = FireflyAuth.builder().settings(Settings.builder().build()).timeSource(time).build()) {
      CredentialsNotFoundException e = ImsFixture.failure(CredentialsNotFoundException.class, auth::token);
      // provider-ims's tests have no credential source on the class path: the message says which to add.
      assertTrue(e.getMessage().contains("add firefly-auth-provider-env"), e.getMessage());
    }
  }
}
