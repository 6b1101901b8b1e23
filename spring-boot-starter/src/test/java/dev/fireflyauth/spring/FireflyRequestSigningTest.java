package dev.fireflyauth.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialsRejectedException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.cache.TokenCacheListener;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import dev.fireflyauth.spi.support.HostAllowList;

/**
 * The interceptor and the filter used directly, as an app without Boot's builders (or on another Boot version)
 * would: the rules beyond the host allow-list, against a WireMock server that answers 401 to everything.
 */
class FireflyRequestSigningTest {
  static WireMockServer api;
  ImsEmulator ims;
  RegisteredClient client;

  @BeforeAll
  static void startApi() {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
  }

  @AfterAll
  static void stopApi() {
    api.stop();
  }

  @BeforeEach
  void setUp() {
    api.resetAll();
    api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)));
    ims = ImsEmulator.start();
    client = ims.registerClient();
  }

  @AfterEach
  void tearDown() {
    ims.close();
  }

  Settings settings(String hosts, Consumer<Settings.Builder> more) {
    Settings.Builder b = Settings.builder().put(Setting.IMS_URL, ims.tokenUrl().toString())
        .put(Setting.CLIENT_ID, client.clientId()).put("firefly.http.hosts", hosts);
    more.accept(b);
    return b.build();
  }

  Settings settings(String hosts) {
    return settings(hosts, b -> b.put(Setting.CLIENT_SECRET, client.clientSecret()));
  }

  static RestClient restClient(FireflyAuth auth, Settings settings) {
    return RestClient.builder().requestInterceptor(new FireflyClientHttpRequestInterceptor(auth, settings)).build();
  }

  static WebClient webClient(FireflyAuth auth, Settings settings) {
    return WebClient.builder().filter(new FireflyExchangeFilterFunction(auth, settings)).build();
  }

  static int status(RestClient http, String url, String authorization) {
    RestClient.RequestHeadersSpec<?> spec = http.get().uri(url);
    if (authorization != null) {
      spec.header("Authorization", authorization);
    }
    return spec.exchange((request, response) -> response.getStatusCode().value());
  }

  static int status(WebClient http, String url, String authorization) {
    WebClient.RequestHeadersSpec<?> spec = http.get().uri(url);
    if (authorization != null) {
      spec.header("Authorization", authorization);
    }
    return spec.exchangeToMono(response -> Mono.just(response.statusCode().value())).block();
  }

  String url() {
    return "http://localhost:" + api.port() + "/v3/status";
  }

  List<LoggedRequest> received() {
    return api.findAll(anyRequestedFor(anyUrl()));
  }

  @Test
  void aRequestWithItsOwnAuthorizationIsLeftAloneAndNotRetried() {
    Settings s = settings("localhost");
    try (FireflyAuth auth = FireflyAuth.builder().settings(s).build()) {
      assertEquals(401, status(restClient(auth, s), url(), "Bearer the-apps-own"));
      assertEquals(401, status(webClient(auth, s), url(), "Bearer the-apps-own"));
    }
    assertEquals(2, received().size());
    for (LoggedRequest r : received()) {
      assertEquals("Bearer the-apps-own", r.getHeader("Authorization"));
      assertNull(r.getHeader("x-api-key"));
    }
    assertEquals(0, ims.requestCount());
  }

  @Test
  void aReadyMadeTokenThatIsRefusedIsNotRetriedBecauseNoOtherTokenCanBeHad() {
    Settings s = settings("localhost", b -> b.put(Setting.ACCESS_TOKEN, "a-ready-made-token"));
    try (FireflyAuth auth = FireflyAuth.builder().settings(s).build()) {
      assertEquals(401, status(restClient(auth, s), url(), null));
      assertEquals(401, status(webClient(auth, s), url(), null));
    }
    assertEquals(2, received().size());
    for (LoggedRequest r : received()) {
      assertEquals("Bearer a-ready-made-token", r.getHeader("Authorization"));
      assertEquals(client.clientId(), r.getHeader("x-api-key"));
    }
    assertEquals(0, ims.requestCount());
  }

  @Test
  void noTokenMeansNothingIsSentAndTheTypedFailureReachesTheCaller() {
    String wrong = "wrong-" + client.clientSecret().length();
    Settings s = settings("localhost", b -> b.put(Setting.CLIENT_SECRET, wrong));
    try (FireflyAuth auth = FireflyAuth.builder().settings(s).build()) {
      CredentialsRejectedException blocking =
          assertThrows(CredentialsRejectedException.class, () -> status(restClient(auth, s), url(), null));
      FireflyAuthException reactive =
          assertThrows(FireflyAuthException.class, () -> status(webClient(auth, s), url(), null));
      assertEquals(FireflyAuthException.Kind.REJECTED, reactive.kind());
      assertThat(blocking.getMessage()).doesNotContain(wrong);
      assertThat(reactive.getMessage()).doesNotContain(wrong);
    }
    assertEquals(0, received().size());
  }

  @Test
  void theWebClientFilterNeverHoldsTheSubscribingThreadWhileATokenIsFetched() throws Exception {
    ims.faults().next().delay(Duration.ofSeconds(3));
    Settings s = settings("localhost");
    List<Thread> exchangedOn = new CopyOnWriteArrayList<>();
    TokenCacheListener recorder = new TokenCacheListener() {
      @Override
      public void onRefresh(AccessToken token, Duration took) {
        exchangedOn.add(Thread.currentThread());
      }
    };
    try (FireflyAuth auth = FireflyAuth.builder().settings(s).listener(recorder).build()) {
      CompletableFuture<Integer> code = webClient(auth, s).get().uri(url())
          .exchangeToMono(response -> Mono.just(response.statusCode().value())).toFuture(); // subscribes here

      // A filter that blocked would have returned only after the delayed exchange, run on this thread.
      assertThat(code).isNotDone();
      assertEquals(401, code.get(30, TimeUnit.SECONDS));
    }
    assertThat(exchangedOn).hasSize(2).doesNotContain(Thread.currentThread());
    assertEquals(2, received().size()); // the stub's 401 was retried once with a new token
  }

  @Test
  void anAllowedHostOverPlainHttpIsRefusedBeforeAnythingIsSent() {
    Settings s = settings("*.adobe.io");
    try (FireflyAuth auth = FireflyAuth.builder().settings(s).build()) {
      // Refused before a connection is made, or a name looked up: this test sends nothing to the network.
      ConfigurationException blocking = assertThrows(ConfigurationException.class,
          () -> status(restClient(auth, s), "http://firefly-api.adobe.io/v3/status", null));
      ConfigurationException reactive = assertThrows(ConfigurationException.class,
          () -> status(webClient(auth, s), "http://firefly-api.adobe.io/v3/status", null));
      for (ConfigurationException e : List.of(blocking, reactive)) {
        assertThat(e.getMessage()).startsWith("refusing to send the Firefly token to http://firefly-api.adobe.io:")
            .contains("firefly.http.hosts (setting firefly.http.hosts)");
      }
    }
    assertEquals(0, ims.requestCount());
  }

  @Test
  void theHostRuleIsTheDocumentedOne() {
    Settings s = settings("*.adobe.io");
    try (FireflyAuth auth = FireflyAuth.builder().settings(s).build()) {
      RequestGate gate = new RequestGate(HostAllowList.from(s));
      org.springframework.http.HttpHeaders none = new org.springframework.http.HttpHeaders();
      assertThat(gate.signs(java.net.URI.create("https://firefly-api.adobe.io/v3"), none)).isTrue();
      assertThat(gate.signs(java.net.URI.create("https://FIREFLY-API.Adobe.IO/v3"), none)).isTrue();
      assertThat(gate.signs(java.net.URI.create("https://adobe.io/v3"), none)).isFalse();
      assertThat(gate.signs(java.net.URI.create("https://adobe.io.evil.example/v3"), none)).isFalse();
      assertThat(gate.signs(java.net.URI.create("https://evil.example/?u=https://x.adobe.io"), none)).isFalse();
      assertThat(gate.signs(java.net.URI.create("https://x.adobe.io@evil.example/"), none)).isFalse();
      assertThat(new FireflyClientHttpRequestInterceptor(auth, s).toString())
          .isEqualTo("FireflyClientHttpRequestInterceptor{HostAllowList[*.adobe.io] from setting firefly.http.hosts}");
    }
  }
}
