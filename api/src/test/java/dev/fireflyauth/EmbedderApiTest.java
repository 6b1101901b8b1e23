package dev.fireflyauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.cache.TokenCacheListener;
import dev.fireflyauth.testing.FakeTimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The builder methods and calls an embedding library needs, one test each. */
@Timeout(30)
class EmbedderApiTest {
  private static final Settings EMPTY = Settings.builder().build();
  private static final String SECRET = "embedder-secret-value-1";

  private final FakeTimeSource time = new FakeTimeSource();
  private final CountingTokenFactory issuer = new CountingTokenFactory("e");

  private FireflyAuth.Builder auth() {
    return FireflyAuth.builder().settings(EMPTY).timeSource(time).addTokenProviderFactory(issuer);
  }

  private static ClientCredentials code() {
    return ClientCredentials.builder().clientId("code-client-1").addSecret(Secret.of(SECRET)).build();
  }

  @Test
  void credentialsGivenInCodeNeedNoSourceAndSayCode() {
    assertEquals("code", code().origin());
    try (FireflyAuth auth = auth().credentials(code()).build()) {
      assertEquals("code-client-1", auth.headers().get(FireflyAuth.API_KEY_HEADER));
      TraceEntry used = auth.explain().get(0);
      assertEquals("code", used.name());
      assertEquals(TraceEntry.Outcome.USED, used.outcome());
      assertEquals("code", used.origin());
      assertEquals(Optional.of("counting via code"), auth.token().origin());
    }
  }

  @Test
  void aListenerHearsRefreshesAndBackgroundFailures() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    TokenCacheListener l = new TokenCacheListener() {
      @Override
      public void onRefresh(AccessToken token, Duration took) {
        events.add("refresh " + Thread.currentThread().getName().startsWith("firefly-auth"));
      }

      @Override
      public void onFailure(RuntimeException e, int n, Duration next, boolean stillValid, Duration took) {
        events.add("failure " + e.getMessage() + " " + stillValid);
      }
    };
    try (FireflyAuth auth = auth().credentials(code()).listener(l).executor(Runnable::run).build()) {
      auth.token();
      issuer.failure = () -> new TransientException("ims down", null);
      time.advance(Duration.ofMinutes(55)); // inside the refresh window: the refresh runs in the background
      auth.token();
    }
    assertEquals(List.of("refresh false", "failure ims down true"), events);
  }

  @Test
  void invalidateDropsTheTokenOnlyIfItIsStillCurrent() {
    try (FireflyAuth auth = auth().credentials(code()).build()) {
      AccessToken first = auth.token();
      auth.invalidate(first);
      AccessToken second = auth.token();
      assertNotSame(first, second);
      auth.invalidate(first);
      assertSame(second, auth.token());
      assertEquals(2, issuer.exchanges.get());
    }
  }

  @Test
  void applyToWithATokenSignsARequestWithThatToken() {
    try (FireflyAuth auth = auth().credentials(code()).build()) {
      AccessToken token = auth.token();
      java.net.http.HttpRequest r = auth.applyTo(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://firefly-api.adobe.io/v3/x")), token).build();
      assertEquals(Optional.of("Bearer " + token.value().reveal()), r.headers().firstValue("Authorization"));
      assertEquals(Optional.of("code-client-1"), r.headers().firstValue("x-api-key"));
    }
  }

  @Test
  void headersAsyncNeverBlocksTheCaller() throws Exception {
    issuer.gate = new CountDownLatch(1);
    try (FireflyAuth auth = auth().credentials(code()).build()) {
      CompletableFuture<Map<String, String>> h = auth.headersAsync();
      assertFalse(h.isDone(), "returned before the exchange could run");
      issuer.gate.countDown();
      assertEquals("Bearer e-token-1", h.get(5, TimeUnit.SECONDS).get(FireflyAuth.AUTHORIZATION_HEADER));
      assertTrue(auth.headersAsync().isDone(), "a cached token completes at once");
    }
  }

  @Test
  void headersAsyncFailsWithTheTypedError() {
    try (FireflyAuth auth = auth().build()) {
      Throwable e = assertThrows(java.util.concurrent.ExecutionException.class,
          () -> auth.headersAsync().get(5, TimeUnit.SECONDS)).getCause();
      assertTrue(e instanceof CredentialsNotFoundException, String.valueOf(e));
    }
  }

  @Test
  void closeAndTraceDoNotWaitBehindASlowSource() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    FixtureSource slow = new FixtureSource("slow", 1, ctx -> {
      entered.countDown();
      try {
        never.await(); // a secret store that trickles forever
      } catch (InterruptedException e) {
        throw new TransientException("interrupted while reading the slow store", e);
      }
      return Optional.empty();
    });
    FireflyAuth auth = auth().addSource(slow).build();
    CompletableFuture<Throwable> caller = CompletableFuture.supplyAsync(() -> {
      try {
        auth.credentials();
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    assertEquals(List.of(), auth.trace(), "trace() answers while the source is still loading");
    auth.close(); // returns at once and interrupts the load
    Throwable e = caller.get(5, TimeUnit.SECONDS);
    assertTrue(e instanceof TransientException || e instanceof IllegalStateException, String.valueOf(e));
  }

  @Test
  void withNoSourceOnTheClassPathTheMessageSaysWhatToAdd() {
    try (FireflyAuth auth = FireflyAuth.builder().settings(EMPTY).classLoader(new ClassLoader(null) {}).build()) {
      CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class, auth::credentials);
      assertEquals("no credential source found on the class path: add firefly-auth-provider-env (environment"
          + " variables), firefly-auth-provider-file (files) or firefly-auth-provider-aws-secrets (AWS Secrets"
          + " Manager), or give credentials in code with FireflyAuth.builder().credentials(...)", e.getMessage());
    }
  }

  @Test
  void anUnknownTokenStoreIsAConfigurationErrorListingTheKnownOnes() {
    try (FireflyAuth auth = auth().credentials(code()).tokenStore("memcached://x:1").build()) {
      ConfigurationException e = assertThrows(ConfigurationException.class, auth::token);
      assertTrue(e.getMessage().startsWith("FireflyAuth.builder().tokenStore(...) names an unknown token store"
          + " 'memcached'; known: file, none"), e.getMessage());
    }
    Settings withSetting = Settings.builder().environment(Map.of("FIREFLY_TOKEN_STORE", "redis://:hunter2@h:1")).build();
    try (FireflyAuth auth = auth().settings(withSetting).credentials(code()).build()) {
      ConfigurationException e = assertThrows(ConfigurationException.class, auth::token);
      assertTrue(e.getMessage().startsWith("environment variable FIREFLY_TOKEN_STORE names an unknown token store"
          + " 'redis'"), e.getMessage());
      assertTrue(e.getMessage().contains("need firefly-auth-token-store-redis"), e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
  }

  @Test
  void theBuilderRefusesNull() {
    assertEquals("credentials", assertThrows(NullPointerException.class,
        () -> FireflyAuth.builder().credentials(null)).getMessage());
    assertEquals("listener", assertThrows(NullPointerException.class,
        () -> FireflyAuth.builder().listener(null)).getMessage());
    assertEquals("executor", assertThrows(NullPointerException.class,
        () -> FireflyAuth.builder().executor(null)).getMessage());
  }
}
