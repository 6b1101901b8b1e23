package dev.fireflyauth.ims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.fireflyauth.testing.LeakScan;

/** Settings are validated before any connection: a broken one names itself and where it was read. */
class ImsEndpointTest {

  private static ImsEndpoint endpoint(Map<String, String> env) {
    return ImsEndpoint.from(Settings.builder().environment(env).build());
  }

  private static String brokenBy(Map<String, String> env) {
    return LeakScan.record(
        org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class, () -> endpoint(env)))
        .getMessage();
  }

  @Test
  void defaults() {
    ImsEndpoint e = endpoint(Map.of());
    assertEquals(URI.create("https://ims-na1.adobelogin.com/ims/token/v3"), e.uri());
    assertEquals(Duration.ofSeconds(10), e.connectTimeout());
    assertEquals(Duration.ofSeconds(30), e.requestTimeout());
  }

  @Test
  void plainHttpToARemoteHostIsRefusedBeforeAnyConnection() {
    // ims.invalid cannot resolve: had a connection been tried, the error would be transient, not this.
    FakeTimeSource time = new FakeTimeSource();
    Settings settings = Settings.builder().environment(Map.of("FIREFLY_IMS_URL", "http://ims.invalid/ims/token/v3"))
        .build();
    try (FireflyAuth auth = FireflyAuth.builder().settings(settings).timeSource(time)
        .addSource(new FixtureSource(ImsFixture.credentials(ImsFixture.SECRET))).build()) {
      String m = ImsFixture.failure(ConfigurationException.class, auth::token).getMessage();
      assertTrue(m.startsWith("environment variable FIREFLY_IMS_URL (FIREFLY_IMS_URL / firefly.ims.url) is"
          + " 'http://ims.invalid/ims/token/v3': https is required"), m);
    }
  }

  @Test
  void plainHttpToLoopbackIsAllowed() {
    assertEquals("http", endpoint(Map.of("FIREFLY_IMS_URL", "http://127.0.0.1:8080/t")).uri().getScheme());
    assertEquals("http", endpoint(Map.of("FIREFLY_IMS_URL", "http://localhost:8080/t")).uri().getScheme());
    assertEquals("http", endpoint(Map.of("FIREFLY_IMS_URL", "http://[::1]:8080/t")).uri().getScheme());
  }

  @Test
  void loopbackIsDecidedWithoutDns() {
    assertTrue(dev.fireflyauth.spi.support.Endpoints.isLoopback("127.0.0.2"));
    assertFalse(dev.fireflyauth.spi.support.Endpoints.isLoopback("10.0.0.1"));
    assertFalse(dev.fireflyauth.spi.support.Endpoints.isLoopback("localhost.example.com"));
    assertFalse(dev.fireflyauth.spi.support.Endpoints.isLoopback("[::2]"));
  }

  @Test
  void otherSchemesAreRefused() {
    String m = brokenBy(Map.of("FIREFLY_IMS_URL", "ftp://ims.example.com/t"));
    assertTrue(m.contains("FIREFLY_IMS_URL") && m.contains("must be an absolute https URL"), m);
  }

  @Test
  void relativeUrlIsRefused() {
    String m = brokenBy(Map.of("FIREFLY_IMS_URL", "ims/token/v3"));
    assertTrue(m.contains("must be an absolute https URL"), m);
  }

  @Test
  void malformedUrlIsRefused() {
    String m = brokenBy(Map.of("FIREFLY_IMS_URL", "https://ims example.com/"));
    assertTrue(m.contains("environment variable FIREFLY_IMS_URL") && m.contains("is not a valid URL"), m);
  }

  @Test
  void userInfoInTheUrlIsRefusedWithoutEchoingIt() {
    String m = brokenBy(Map.of("FIREFLY_IMS_URL", "https://user:pa55word@ims.example.com/t"));
    assertTrue(m.contains("must not contain user info"), m);
    assertFalse(m.contains("pa55word"), m);
  }

  @Test
  void timeoutsAcceptSecondsAndIso8601() {
    ImsEndpoint e = endpoint(Map.of("FIREFLY_IMS_CONNECT_TIMEOUT", "2.5", "FIREFLY_IMS_REQUEST_TIMEOUT", "PT1M"));
    assertEquals(Duration.ofMillis(2500), e.connectTimeout());
    assertEquals(Duration.ofMinutes(1), e.requestTimeout());
  }

  @Test
  void malformedConnectTimeoutNamesTheSettingAndWhereItWasRead() {
    String m = brokenBy(Map.of("FIREFLY_IMS_CONNECT_TIMEOUT", "ten"));
    assertEquals("environment variable FIREFLY_IMS_CONNECT_TIMEOUT must be a duration in seconds (10) or"
        + " ISO-8601 (PT10S), was 'ten'", m);
  }

  @Test
  void zeroRequestTimeoutIsRefused() {
    Settings s = Settings.builder().put(ImsTokenProviderFactory.REQUEST_TIMEOUT, "0").build();
    String m = LeakScan.record(
        org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class, () -> ImsEndpoint.from(s)))
        .getMessage();
    assertEquals("setting firefly.ims.request.timeout must be from 1 ms to 24 h, was '0'", m);
  }

  @Test
  void settingNamesArePublicContract() {
    assertEquals("FIREFLY_IMS_URL", Setting.IMS_URL.env());
    assertEquals("firefly.ims.connect.timeout", ImsTokenProviderFactory.CONNECT_TIMEOUT.property());
    assertEquals("FIREFLY_IMS_REQUEST_TIMEOUT", ImsTokenProviderFactory.REQUEST_TIMEOUT.env());
  }
}
