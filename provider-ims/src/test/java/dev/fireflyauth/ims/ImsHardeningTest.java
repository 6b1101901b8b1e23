package dev.fireflyauth.ims;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.fireflyauth.ims.ImsFixture.CLIENT_ID;
import static dev.fireflyauth.ims.ImsFixture.PATH;
import static dev.fireflyauth.ims.ImsFixture.SECRET;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.fireflyauth.ims.ImsFixture.TOKEN;
import static dev.fireflyauth.ims.ImsFixture.TOKEN_2;
import static dev.fireflyauth.ims.ImsFixture.credentials;
import static dev.fireflyauth.ims.ImsFixture.json;
import static dev.fireflyauth.ims.ImsFixture.ok;
import static dev.fireflyauth.ims.ImsFixture.tokenPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The defects a red team found in the exchange, each provoked for real against a misbehaving IMS: a body that
 * stalls after the headers, a {@code Retry-After} in the year 9999, replies that echo the secret, tokens that
 * would forge a header, a malformed {@code Content-Length}, a missing dependency; and the embedder's
 * {@code HttpClient}.
 */
@Timeout(60)
class ImsHardeningTest {
  @RegisterExtension static WireMockExtension ims = ImsFixture.wireMock();

  private final FakeTimeSource time = new FakeTimeSource();

  private FireflyAuth realTimeAuth(String... settings) {
    Settings.Builder s = Settings.builder().put(Setting.IMS_URL, ims.url(PATH));
    for (int i = 0; i < settings.length; i += 2) {
      s.put(settings[i], settings[i + 1]);
    }
    return FireflyAuth.builder().settings(s.build()).timeSource(TimeSource.system())
        .addSource(new FixtureSource(credentials(SECRET))).build();
  }

  @Test
  void aBodyThatStallsAfterTheHeadersIsBoundedByTheRequestTimeout() {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN).withChunkedDribbleDelay(20, 20_000)));
    // The headers arrive at once; the body would take 20 s. Only one attempt, to keep the test short.
    try (FireflyAuth auth = FireflyAuth.builder()
        .settings(Settings.builder().put(Setting.IMS_URL, ims.url(PATH))
            .put(ImsTokenProviderFactory.REQUEST_TIMEOUT.env(), "2").build())
        .addSource(new FixtureSource(credentials(SECRET)))
        .addTokenProviderFactory(ImsTokenProviderFactory.builder().retries(1, Duration.ofSeconds(30)).build())
        .build()) {
      TransientException e = ImsFixture.failure(TransientException.class, auth::token);
      assertTrue(e.getMessage().contains("no complete reply within 2000 ms"), e.getMessage());
    }
  }

  @Test
  void theRetryDeadlineBoundsTheAttemptsThemselves() {
    // Each reply takes 3 s; with a 1.5 s retry deadline the first attempt gets 1.5 s and there is no second.
    ims.stubFor(tokenPost().willReturn(ok(TOKEN).withFixedDelay(3000)));
    try (FireflyAuth auth = FireflyAuth.builder()
        .settings(Settings.builder().put(Setting.IMS_URL, ims.url(PATH)).build())
        .addSource(new FixtureSource(credentials(SECRET)))
        .addTokenProviderFactory(ImsTokenProviderFactory.builder().retries(3, Duration.ofMillis(1500)).build())
        .build()) {
      TransientException e = ImsFixture.failure(TransientException.class, auth::token);
      assertTrue(e.getMessage().matches(".*no complete reply within 1[45]\\d\\d ms.*"), e.getMessage());
    }
    ims.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void closeReleasesACallerBlockedInAnExchange() throws Exception {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN).withFixedDelay(20_000)));
    FireflyAuth auth = realTimeAuth();
    CompletableFuture<Throwable> caller = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        auth.token();
        caller.complete(null);
      } catch (Throwable e) {
        caller.complete(e);
      }
    });
    t.start();
    while (ims.getAllServeEvents().isEmpty()) {
      Thread.sleep(10);
    }
    auth.close();
    Throwable e = caller.get(10, TimeUnit.SECONDS);
    assertNotNull(e, "the caller must not get a token after close()");
    assertTrue(e instanceof IllegalStateException, String.valueOf(e));
  }

  @Test
  void aRetryAfterInTheYear9999IsClampedAndTheCacheIsNotStuck() {
    ims.stubFor(tokenPost().willReturn(
        ImsFixture.imsError(503, "server_error", "later").withHeader("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      TransientException e = ImsFixture.failure(TransientException.class, auth::token);
      assertEquals(Optional.of(ImsErrorClassifier.MAX_RETRY_AFTER), e.retryAfter());
      // The cache remembered the failure briefly, then tries again instead of hanging or throwing a bug.
      time.advance(ImsErrorClassifier.MAX_RETRY_AFTER.plusSeconds(1));
      ims.stubFor(tokenPost().willReturn(ok(TOKEN)));
      assertEquals(TOKEN, auth.token().value().reveal());
    }
  }

  @Test
  void anImsThatEchoesTheFormBodyNeverPutsTheSecretIntoAMessage() {
    String form = "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret="
        + URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
    ims.stubFor(tokenPost().willReturn(json(400,
            "{\"error\":\"bad " + SECRET + "\",\"error_description\":\"you sent " + form + " raw " + SECRET + "\"}")
        .withHeader("x-debug-id", "dbg " + SECRET)));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      ConfigurationException e = ImsFixture.failure(ConfigurationException.class, auth::token);
      assertFalse(e.getMessage().contains(SECRET), e.getMessage());
      assertFalse(e.getMessage().contains(URLEncoder.encode(SECRET, StandardCharsets.UTF_8)), e.getMessage());
      assertTrue(e.getMessage().contains("[redacted]"), e.getMessage());
    }
  }

  @Test
  void aRedirectLocationThatCarriesTheSecretIsShownRedacted() {
    ims.stubFor(tokenPost().willReturn(aResponse().withStatus(302)
        .withHeader("Location", "https://evil.example/steal?client_secret=" + SECRET + "\r\nX: y")));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      ConfigurationException e = ImsFixture.failure(ConfigurationException.class, auth::token);
      assertFalse(e.getMessage().contains(SECRET), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertTrue(e.getMessage().contains("redirects are not followed"), e.getMessage());
    }
  }

  @Test
  void aTokenWithALineBreakIsRefusedWithoutQuotingIt() {
    String forged = "eyJ-forged-token\\r\\nX-Injected: yes";
    ims.stubFor(tokenPost().willReturn(
        json(200, "{\"access_token\":\"" + forged + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      TransientException e = ImsFixture.failure(TransientException.class, auth::token);
      assertTrue(e.getMessage().contains("'access_token' that contains a control character"), e.getMessage());
      assertFalse(e.getMessage().contains("eyJ-forged"), e.getMessage());
    }
  }

  @Test
  void aStaticTokenWithALineBreakIsBrokenConfiguration() {
    try (FireflyAuth auth = FireflyAuth.builder().settings(Settings.builder()
        .put(Setting.ACCESS_TOKEN, "eyJ-static\nAuthorization: Bearer other").build()).build()) {
      ConfigurationException e = ImsFixture.failure(ConfigurationException.class, auth::token);
      assertEquals("setting firefly.services.access.token contains a control character (a line break?); a token is"
          + " sent in the Authorization header and must not", e.getMessage());
    }
  }

  @Test
  void aMalformedContentLengthIsATypedTransientError() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread peer = new Thread(() -> serveForever(server,
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: twelve\r\n\r\n{}"));
      peer.setDaemon(true);
      peer.start();
      String url = "http://127.0.0.1:" + server.getLocalPort() + PATH;
      try (FireflyAuth auth = FireflyAuth.builder().settings(Settings.builder().put(Setting.IMS_URL, url).build())
          .timeSource(time).addSource(new FixtureSource(credentials(SECRET))).build()) {
        TransientException e = ImsFixture.failure(TransientException.class, auth::token);
        assertTrue(e.getMessage().contains("IMS token endpoint " + url + " could not be reached"), e.getMessage());
      }
    }
  }

  private static void serveForever(ServerSocket server, String response) {
    while (!server.isClosed()) {
      try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
        byte[] buf = new byte[8192];
        in.read(buf); // the request; its content does not matter here
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Test
  void aMissingDependencyIsBrokenAndNotRetried() {
    AtomicInteger sends = new AtomicInteger();
    HttpClient missing = new DelegatingClient(HttpClient.newHttpClient()) {
      @Override
      public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest r, HttpResponse.BodyHandler<T> h) {
        sends.incrementAndGet();
        throw new NoClassDefFoundError("com/fasterxml/jackson/core/JsonFactory");
      }
    };
    try (FireflyAuth auth = ImsFixture.auth(ims, time, new FixtureSource(credentials(SECRET)))
        .addTokenProviderFactory(ImsTokenProviderFactory.builder().httpClient(missing).build()).build()) {
      ConfigurationException e = ImsFixture.failure(ConfigurationException.class, auth::token);
      assertEquals(FireflyAuthException.Kind.BROKEN, e.kind());
      assertTrue(e.getMessage().contains("NoClassDefFoundError com.fasterxml.jackson.core.JsonFactory"), e.getMessage());
      assertTrue(e.getMessage().contains("add com.fasterxml.jackson.core:jackson-core"), e.getMessage());
    }
    assertEquals(1, sends.get(), "a missing class is not an outage: no retry");
  }

  @Test
  void anApplicationHttpClientIsUsedForEveryExchange() {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN)));
    AtomicInteger sends = new AtomicInteger();
    HttpClient app = new DelegatingClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      @Override
      public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest r, HttpResponse.BodyHandler<T> h) {
        sends.incrementAndGet();
        return super.sendAsync(r, h);
      }
    };
    try (FireflyAuth auth = ImsFixture.auth(ims, time, new FixtureSource(credentials(SECRET)))
        .addTokenProviderFactory(ImsTokenProviderFactory.builder().httpClient(app).build()).build()) {
      AccessToken first = auth.token();
      auth.invalidate(first);
      auth.token();
    }
    assertEquals(2, sends.get());
  }

  @Test
  void withoutAnApplicationClientOneClientServesEveryExchange() {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN)));
    Set<String> before = selectorThreads();
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      AccessToken first = auth.token();
      auth.invalidate(first);
      AccessToken second = auth.token();
      auth.invalidate(second);
      auth.token();
      Set<String> made = selectorThreads();
      made.removeAll(before);
      assertEquals(1, made.size(), "one HttpClient (one selector thread) for three exchanges: " + made);
    }
    ims.verify(3, postRequestedFor(urlPathEqualTo(PATH)));
  }

  private static Set<String> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("HttpClient-") && n.endsWith("-SelectorManager")).collect(Collectors.toSet());
  }

  @Test
  void hundredCallersThatSawTheSame401CauseOneExchange() throws Exception {
    ims.stubFor(tokenPost().inScenario("tokens").whenScenarioStateIs(STARTED).willReturn(ok(TOKEN))
        .willSetStateTo("second"));
    ims.stubFor(tokenPost().inScenario("tokens").whenScenarioStateIs("second").willReturn(ok(TOKEN_2)));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      AccessToken rejected = auth.token();
      CountDownLatch start = new CountDownLatch(1);
      Thread[] callers = new Thread[100];
      AtomicInteger served = new AtomicInteger();
      for (int i = 0; i < callers.length; i++) {
        callers[i] = new Thread(() -> {
          try {
            start.await();
            auth.invalidate(rejected);
            auth.token();
            served.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        callers[i].start();
      }
      start.countDown();
      for (Thread c : callers) {
        c.join(30_000);
      }
      assertEquals(100, served.get());
    }
    ims.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void aTokenCarriesItsOriginAndClientId() {
    ims.stubFor(tokenPost().willReturn(ok(TOKEN)));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      AccessToken t = auth.token();
      assertEquals(Optional.of("ims via fixture"), t.origin());
      assertEquals(Optional.of(CLIENT_ID), t.clientId());
      assertFalse(t.fromStore());
      Map<String, String> h = auth.headersAsync().join();
      assertEquals(CLIENT_ID, h.get(FireflyAuth.API_KEY_HEADER));
      assertSame(t, auth.token());
    }
  }

  /** An application's HttpClient, passed through to the JDK's: the seam a proxy-aware client would use. */
  private static class DelegatingClient extends HttpClient {
    private final HttpClient d;

    DelegatingClient(HttpClient d) {
      this.d = d;
    }

    @Override
    public Optional<java.net.CookieHandler> cookieHandler() {
      return d.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return d.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
      return d.followRedirects();
    }

    @Override
    public Optional<java.net.ProxySelector> proxy() {
      return d.proxy();
    }

    @Override
    public SSLContext sslContext() {
      return d.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
      return d.sslParameters();
    }

    @Override
    public Optional<java.net.Authenticator> authenticator() {
      return d.authenticator();
    }

    @Override
    public Version version() {
      return d.version();
    }

    @Override
    public Optional<Executor> executor() {
      return d.executor();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> h)
        throws IOException, InterruptedException {
      return d.send(r, h);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest r, HttpResponse.BodyHandler<T> h) {
      return d.sendAsync(r, h);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest r, HttpResponse.BodyHandler<T> h, HttpResponse.PushPromiseHandler<T> p) {
      return d.sendAsync(r, h, p);
    }
  }
}
