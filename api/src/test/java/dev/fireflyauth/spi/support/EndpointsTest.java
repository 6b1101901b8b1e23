package dev.fireflyauth.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointsTest {
  private static String refused(String url) {
    return assertThrows(ConfigurationException.class,
        () -> Endpoints.requireSecure(url, "setting X", "https://example.test/t", "the secret")).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://ims.example/t", "http://127.0.0.1:8/t", "http://localhost/t", "http://[::1]:9/t",
      "http://a.localhost/t"})
  void acceptsHttpsAndLoopbackHttp(String url) {
    assertEquals(url, Endpoints.requireSecure(url, "setting X", "https://e/t", "the secret").toString());
  }

  @Test
  void plainHttpToAnotherHostIsRefusedSayingWhatWouldLeak() {
    String m = refused("http://ims.example/t");
    assertTrue(m.contains("https is required, because the secret is sent to this URL"), m);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "ftp://x/t | must be an absolute https URL such as https://example.test/t",
    "x/y | must be an absolute https URL",
    "https://u:p@x/t | must not contain user info",
    "https://x/ t | is not a valid URL"})
  void otherMistakesNameTheSetting(String url, String expected) {
    String m = refused(url);
    assertTrue(m.startsWith("setting X "), m);
    assertTrue(m.contains(expected), m);
  }

  @Test
  void userInfoIsNeverEchoed() {
    assertFalse(refused("https://user:hunter2@x/t").contains("hunter2"));
  }

  @Test
  void loopbackIsDecidedWithoutDns() {
    assertTrue(Endpoints.isLoopback("127.0.0.2"));
    assertTrue(Endpoints.isLoopback("[::1]"));
    assertFalse(Endpoints.isLoopback("10.0.0.1"));
    assertFalse(Endpoints.isLoopback("localhost.example.com"));
    assertFalse(Endpoints.isLoopback("[::2]"));
    assertFalse(Endpoints.isLoopback("127.0.0.1.nip.io"));
  }
}
