package dev.fireflyauth.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostAllowListTest {

  @ParameterizedTest
  @ValueSource(strings = {"firefly-api.adobe.io", "a.b.adobe.io", "FIREFLY-API.ADOBE.IO", "ims.adobe.io."})
  void theDefaultCoversSubDomainsOfAdobeIo(String host) {
    assertTrue(HostAllowList.defaults().matches(host));
    assertTrue(HostAllowList.defaults().covers("https", host));
  }

  @ParameterizedTest
  @ValueSource(strings = {"adobe.io", "evil.com", "adobe.io.evil.com", "evil-adobe.io", "xadobe.io", "127.0.0.1", ""})
  void theDefaultCoversNoOtherHost(String host) {
    assertFalse(HostAllowList.defaults().matches(host));
    assertFalse(HostAllowList.defaults().covers("https", host));
  }

  @Test
  void aNullHostIsNeverCovered() {
    assertFalse(HostAllowList.defaults().covers("https", null));
  }

  @Test
  void exactNamesMatchThemselvesOnly() {
    HostAllowList list = HostAllowList.parse(" Localhost , api.example.com,[::1] ", "test");
    assertTrue(list.matches("localhost"));
    assertTrue(list.matches("LOCALHOST"));
    assertTrue(list.matches("api.example.com"));
    assertTrue(list.matches("::1"));
    assertTrue(list.matches("[::1]"));
    assertFalse(list.matches("x.api.example.com"));
    assertFalse(list.matches("example.com"));
    assertFalse(list.matches("127.0.0.1"));
    assertEquals(List.of("localhost", "api.example.com", "[::1]"), list.patterns());
  }

  @Test
  void theSettingIsReadWhereTheSettingsSay() {
    Settings settings = Settings.builder().environment(Map.of("FIREFLY_HTTP_HOSTS", "*.example.com")).build();
    HostAllowList list = HostAllowList.from(settings);
    assertTrue(list.matches("api.example.com"));
    assertFalse(list.matches("firefly-api.adobe.io"));
    assertEquals("environment variable FIREFLY_HTTP_HOSTS", list.where());
  }

  @Test
  void withoutTheSettingTheDefaultApplies() {
    assertSame(HostAllowList.defaults(), HostAllowList.from(Settings.builder().build()));
    assertEquals(List.of("*.adobe.io"), HostAllowList.defaults().patterns());
  }

  @Test
  void plainHttpIsAllowedToLoopbackOnly() {
    HostAllowList list = HostAllowList.parse("localhost,127.0.0.1,[::1],api.example.com", "test");
    assertTrue(list.covers("http", "localhost"));
    assertTrue(list.covers("http", "127.0.0.1"));
    assertTrue(list.covers("HTTP", "[::1]"));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> list.covers("http", "api.example.com"));
    assertEquals(FireflyAuthException.Kind.BROKEN, e.kind());
    assertTrue(e.getMessage().contains("http://api.example.com"), e.getMessage());
    assertTrue(e.getMessage().contains("firefly.http.hosts (test)"), e.getMessage());
    assertTrue(e.getMessage().contains("https"), e.getMessage());
    assertThrows(ConfigurationException.class, () -> list.covers("ws", "api.example.com"));
    assertThrows(ConfigurationException.class, () -> list.covers(null, "api.example.com"));
  }

  @Test
  void anInsecureRequestToAHostNotCoveredIsNoConcernOfOurs() {
    assertFalse(HostAllowList.defaults().covers("http", "example.com"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "*           | '*' is not a host pattern: '*' is allowed only as a leading '*.'",
      "*.io        | '*.io' is not a host pattern: it would cover a whole top-level domain",
      "a*.adobe.io | 'a*.adobe.io' is not a host pattern: '*' is allowed only as a leading '*.'",
      "*.*.adobe.io | '*.*.adobe.io' is not a host pattern: '*.' must be followed by a host name",
      "https://api.adobe.io | 'https://api.adobe.io' is not a host pattern: a host pattern is a host name",
      "api.adobe.io:443 | 'api.adobe.io:443' is not a host pattern: a host pattern is a host name",
      "api.adobe.io/v3 | 'api.adobe.io/v3' is not a host pattern",
      "abc:443     | 'abc:443' is not a host pattern",
      "-bad.example.com | '-bad.example.com' is not a host pattern",
  })
  void aMalformedPatternIsRefusedNamingItAndWhereItWasRead(String pattern, String expected) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> HostAllowList.parse("*.adobe.io," + pattern, "setting X"));
    assertTrue(e.getMessage().startsWith("setting X: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"*.adobe.io,,localhost", "*.adobe.io,", ","})
  void anEmptyEntryIsRefused(String text) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> HostAllowList.parse(text, "setting X"));
    assertEquals("setting X has an empty entry; write comma-separated host patterns such as *.adobe.io,localhost",
        e.getMessage());
  }

  @Test
  void toStringShowsPatternsAndWhere() {
    assertEquals("HostAllowList[*.adobe.io] from the default of firefly.http.hosts",
        HostAllowList.defaults().toString());
  }
}
