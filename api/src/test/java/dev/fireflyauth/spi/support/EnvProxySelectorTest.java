package dev.fireflyauth.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Settings;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvProxySelectorTest {
  private static EnvProxySelector selector(Map<String, String> env) {
    return EnvProxySelector.from(Settings.builder().environment(env).build()).orElseThrow();
  }

  private static String via(EnvProxySelector s, String url) {
    Proxy p = s.select(URI.create(url)).get(0);
    if (p.type() == Proxy.Type.DIRECT) {
      return "direct";
    }
    InetSocketAddress a = (InetSocketAddress) p.address();
    return a.getHostString() + ":" + a.getPort();
  }

  @Test
  void noVariableMeansNoSelector() {
    assertTrue(EnvProxySelector.from(Settings.builder().environment(Map.of("PATH", "/bin")).build()).isEmpty());
  }

  @Test
  void httpsUrlsUseHttpsProxyAndTheLowerCaseSpellingWins() {
    EnvProxySelector s = selector(Map.of("HTTPS_PROXY", "http://upper:3128", "https_proxy", "http://lower:8080"));
    assertEquals("lower:8080", via(s, "https://ims-na1.adobelogin.com/ims/token/v3"));
    assertEquals("direct", via(s, "http://plain.example/"), "http URLs need http_proxy");
  }

  @Test
  void allProxyIsTheFallbackAndTheDefaultPortIsCurls() {
    EnvProxySelector s = selector(Map.of("ALL_PROXY", "proxy.corp"));
    assertEquals("proxy.corp:1080", via(s, "https://api.adobe.io/x"));
    assertEquals("proxy.corp:1080", via(s, "http://plain.example/"));
  }

  @Test
  void upperCaseHttpProxyIsIgnoredLikeCurlDoes() {
    assertTrue(EnvProxySelector.from(Settings.builder().environment(Map.of("HTTP_PROXY", "http://p:1")).build())
        .isEmpty());
  }

  @ParameterizedTest
  @CsvSource({
    "adobe.io, https://api.adobe.io/x, direct",
    ".adobe.io, https://api.adobe.io/x, direct",
    "adobe.io, https://adobe.io/x, direct",
    "adobe.io, https://notadobe.io/x, p:3128",
    "'*', https://anything.example/x, direct",
    "'10.0.0.0/8', https://10.1.2.3/x, direct",
    "'10.0.0.0/8', https://11.1.2.3/x, p:3128",
    "'192.168.1.7', https://192.168.1.7/x, direct",
    "'other.example, ims-na1.adobelogin.com', https://ims-na1.adobelogin.com/t, direct",
  })
  void noProxyListsHostsDomainsAddressesAndRanges(String noProxy, String url, String expected) {
    assertEquals(expected, via(selector(Map.of("https_proxy", "http://p:3128", "no_proxy", noProxy)), url));
  }

  @Test
  void loopbackIsAlwaysDirect() {
    EnvProxySelector s = selector(Map.of("https_proxy", "http://p:3128", "http_proxy", "http://p:3128"));
    assertEquals("direct", via(s, "http://127.0.0.1:8080/ims/token/v3"));
    assertEquals("direct", via(s, "http://localhost:8719/v1/token"));
  }

  @Test
  void aMalformedProxyUrlNamesTheVariableAndNotItsCredentials() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> selector(Map.of("HTTPS_PROXY", "socks5://user:hunter2@p:1080")));
    assertTrue(e.getMessage().startsWith("environment variable HTTPS_PROXY must be an http proxy URL"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void credentialsInTheProxyUrlAreOfferedOnlyToThatProxyAndNeverShown() {
    EnvProxySelector s = selector(Map.of("https_proxy", "http://alice:hunter2@p:3128"));
    assertTrue(s.authenticator().isPresent());
    assertFalse(s.toString().contains("hunter2"), s.toString());
    assertFalse(s.toString().contains("alice"), s.toString());
    assertTrue(selector(Map.of("https_proxy", "http://p:3128")).authenticator().isEmpty());
  }

  @Test
  void jvmProxyPropertiesWinOverTheEnvironment() {
    Settings s = Settings.builder()
        .systemProperties(Map.of("https.proxyHost", "jvm-proxy"))
        .environment(Map.of("https_proxy", "http://env-proxy:1"))
        .build();
    assertSame(ProxySelector.getDefault(), HttpClients.proxy(s).orElseThrow());
    Settings envOnly = Settings.builder().environment(Map.of("https_proxy", "http://env-proxy:1")).build();
    assertTrue(HttpClients.proxy(envOnly).orElseThrow() instanceof EnvProxySelector);
    assertTrue(HttpClients.proxy(Settings.builder().build()).isEmpty());
    assertEquals(List.of(Proxy.NO_PROXY), HttpClients.newClient(Settings.builder().build(), java.time.Duration.ofSeconds(1))
        .proxy().map(p -> p.select(URI.create("https://x/"))).orElse(List.of(Proxy.NO_PROXY)));
  }
}
