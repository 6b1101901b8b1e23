package dev.fireflyauth.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testing.LogCapture;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The interceptor and authenticator against a real IMS emulator and a WireMock "Firefly API" over real HTTP. */
class FireflyOkHttpTest {
  /** Answers as Firefly does, addressed as {@code localhost} (the allowed host). */
  static FireflyApiStub firefly;
  /** Some other service, addressed as {@code 127.0.0.1} (not allowed). */
  static FireflyApiStub other;

  ImsEmulator ims;
  RegisteredClient client;
  Settings settings;
  FireflyAuth auth;
  OkHttpClient http;
  LogCapture logs;

  @BeforeAll
  static void startServers() {
    firefly = new FireflyApiStub();
    other = new FireflyApiStub();
  }

  @AfterAll
  static void stopServers() {
    firefly.close();
    other.close();
  }

  @BeforeEach
  void setUp() {
    logs = LogCapture.start();
    ims = ImsEmulator.start();
    client = ims.registerClient();
    settings = settings(client.clientSecret(), "localhost");
    auth = FireflyAuth.builder().settings(settings).build();
    http = client(auth, settings);
    firefly.acceptValidHeaders(ims, client.clientId());
    other.acceptValidHeaders(ims, client.clientId());
  }

  @AfterEach
  void tearDown() {
    auth.close();
    ims.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    logs.close();
  }

  Settings settings(String secret, String hosts) {
    return Settings.builder()
        .put(Setting.IMS_URL, ims.tokenUrl().toString())
        .put(Setting.CLIENT_ID, client.clientId())
        .put(Setting.CLIENT_SECRET, secret)
        .put("firefly.http.hosts", hosts)
        .build();
  }

  static OkHttpClient client(FireflyAuth auth, Settings settings) {
    return new OkHttpClient.Builder()
        .addInterceptor(new FireflyInterceptor(auth, settings))
        .authenticator(new FireflyAuthenticator(auth, settings))
        .build();
  }

  static int get(OkHttpClient http, String url) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code();
    }
  }

  @Test
  void manyRequestsFromManyThreadsShareOneExchange() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> codes = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        codes.add(pool.submit(() -> get(http, firefly.url("localhost", "/v3/status"))));
      }
      for (Future<Integer> code : codes) {
        assertEquals(200, code.get(30, TimeUnit.SECONDS)); // the stub answers 200 to valid headers only
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, ims.requestCount());
    assertEquals(24, firefly.requests().size());
  }

  @Test
  void anAsynchronousCallIsSignedToo() throws Exception {
    CompletableFuture<Integer> code = new CompletableFuture<>();
    http.newCall(new Request.Builder().url(firefly.url("localhost", "/v3/status")).build()).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        code.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          code.complete(response.code());
        }
      }
    });
    assertEquals(200, code.get(30, TimeUnit.SECONDS));
  }

  @Test
  void aRequestToAnotherHostCarriesNeitherHeaderAndNeedsNoToken() throws IOException {
    assertEquals(401, get(http, other.url("127.0.0.1", "/v3/status")));

    LoggedRequest sent = other.requests().get(0);
    assertNull(sent.getHeader("Authorization"));
    assertNull(sent.getHeader("x-api-key"));
    assertEquals(1, other.requests().size()); // its 401 is not ours to retry
    assertEquals(0, ims.requestCount());
  }

  @Test
  void theSameServerUnderAnAllowedNameGetsTheHeaders() throws IOException {
    // The allow-list is about names: "localhost" is allowed, "127.0.0.1" is not, though both reach one server.
    assertEquals(200, get(http, other.url("localhost", "/v3/status")));
  }

  @Test
  void aFirst401IsRetriedOnceWithANewToken() throws IOException {
    firefly.refuseFirstRequest(ims, client.clientId());

    assertEquals(200, get(http, firefly.url("localhost", "/v3/revoked")));

    List<LoggedRequest> sent = firefly.requests();
    assertEquals(2, sent.size());
    String refused = sent.get(0).getHeader("Authorization");
    String retried = sent.get(1).getHeader("Authorization");
    assertNotEquals(refused, retried);
    assertTrue(ims.isValidAuthorization(retried));
    assertEquals(2, ims.requestCount()); // the refused token was dropped: one new exchange
  }

  @Test
  void aSecond401IsReturnedToTheCallerWithoutAnotherRetry() throws IOException {
    assertEquals(401, get(http, firefly.url("localhost", "/v3/always-refused")));

    assertEquals(2, firefly.requests().size());
    assertEquals(2, ims.requestCount());
  }

  @Test
  void aReadyMadeTokenThatIsRefusedIsNotRetriedBecauseNoOtherTokenCanBeHad() throws IOException {
    Settings ready = Settings.builder()
        .put(Setting.ACCESS_TOKEN, "a-ready-made-token")
        .put(Setting.CLIENT_ID, client.clientId())
        .put("firefly.http.hosts", "localhost")
        .build();
    try (FireflyAuth readyAuth = FireflyAuth.builder().settings(ready).build()) {
      assertEquals(401, get(client(readyAuth, ready), firefly.url("localhost", "/v3/status")));
    }
    List<LoggedRequest> sent = firefly.requests();
    assertEquals(1, sent.size());
    assertEquals("Bearer a-ready-made-token", sent.get(0).getHeader("Authorization"));
    assertEquals(client.clientId(), sent.get(0).getHeader("x-api-key"));
    assertEquals(0, ims.requestCount());
  }

  @Test
  void aRequestWithItsOwnAuthorizationIsLeftAlone() throws IOException {
    Request request = new Request.Builder().url(firefly.url("localhost", "/v3/status"))
        .header("Authorization", "Bearer the-apps-own").build();
    try (Response response = http.newCall(request).execute()) {
      assertEquals(401, response.code());
    }
    List<LoggedRequest> sent = firefly.requests();
    assertEquals(1, sent.size()); // not retried either
    assertEquals("Bearer the-apps-own", sent.get(0).getHeader("Authorization"));
    assertNull(sent.get(0).getHeader("x-api-key"));
    assertEquals(0, ims.requestCount());
  }

  @Test
  void rejectedCredentialsFailTheCallWithATypedIoExceptionThatHoldsNoSecret() {
    String wrong = "wrong-secret-" + client.clientSecret().hashCode();
    Settings bad = settings(wrong, "localhost");
    try (FireflyAuth badAuth = FireflyAuth.builder().settings(bad).build()) {
      OkHttpClient badHttp = client(badAuth, bad);
      FireflyAuthIOException e =
          assertThrows(FireflyAuthIOException.class, () -> get(badHttp, firefly.url("localhost", "/v3/status")));
      assertEquals(FireflyAuthException.Kind.REJECTED, e.kind());
      assertEquals(e.getCause().getMessage(), e.getMessage());
      assertFalse(e.getMessage().contains(wrong), e.getMessage());
      assertFalse(logs.text().contains(wrong));
    }
    assertEquals(0, firefly.requests().size()); // nothing was sent without a token
  }

  @Test
  void aFailureOfAnAsynchronousCallReachesItsCallback() throws Exception {
    auth.close();
    CompletableFuture<IOException> failure = new CompletableFuture<>();
    http.newCall(new Request.Builder().url(firefly.url("localhost", "/v3/status")).build()).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        failure.complete(e);
      }

      @Override
      public void onResponse(Call call, Response response) {
        response.close();
        failure.completeExceptionally(new AssertionError("a call without a token was sent"));
      }
    });
    IOException e = failure.get(30, TimeUnit.SECONDS);
    assertEquals("this FireflyAuth is closed", e.getMessage());
  }

  @Test
  void anAllowedHostOverPlainHttpFailsBeforeAnythingIsSentOrLookedUp() {
    AtomicInteger lookups = new AtomicInteger();
    Settings adobe = settings(client.clientSecret(), "*.adobe.io");
    OkHttpClient noDns = client(auth, adobe).newBuilder()
        .dns(host -> {
          lookups.incrementAndGet();
          throw new UnknownHostException("this test resolves no name");
        })
        .build();

    FireflyAuthIOException e =
        assertThrows(FireflyAuthIOException.class, () -> get(noDns, "http://firefly-api.adobe.io/v3/status"));
    assertEquals(FireflyAuthException.Kind.BROKEN, e.kind());
    assertTrue(e.getMessage().startsWith("refusing to send the Firefly token to http://firefly-api.adobe.io:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("firefly.http.hosts (setting firefly.http.hosts)"), e.getMessage());
    assertEquals(0, lookups.get());
    assertEquals(0, ims.requestCount());
  }

  @Test
  void aMalformedHostListIsRefusedWhenTheInterceptorIsBuilt() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new FireflyInterceptor(auth, settings(client.clientSecret(), "localhost,*")));
    assertEquals("setting firefly.http.hosts: '*' is not a host pattern: '*' is allowed only as a leading '*.'"
        + " (as in *.adobe.io)", e.getMessage());
    assertThrows(ConfigurationException.class,
        () -> new FireflyAuthenticator(auth, settings(client.clientSecret(), "https://api.adobe.io")));
  }

  @Test
  void noTokenOrSecretIsLogged() throws IOException {
    firefly.refuseFirstRequest(ims, client.clientId());
    get(http, firefly.url("localhost", "/v3/revoked"));
    get(http, firefly.url("localhost", "/v3/always-refused"));

    String logged = logs.text();
    assertFalse(logged.contains(client.clientSecret()));
    for (LoggedRequest r : firefly.requests()) {
      String token = r.getHeader("Authorization").substring("Bearer ".length());
      assertFalse(logged.contains(token));
    }
  }
}
