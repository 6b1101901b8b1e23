package dev.fireflyauth.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.CredentialsRejectedException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testing.FakeTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Executor DIRECT = Runnable::run;

  private final FakeTimeSource time = new FakeTimeSource();

  /** An exchange that issues numbered tokens on {@link #time} and counts its calls. */
  private final class CountingExchange implements Supplier<AccessToken> {
    final AtomicInteger calls = new AtomicInteger();
    volatile Duration lifetime = HOUR;
    volatile Supplier<RuntimeException> failure;
    volatile CountDownLatch gate;

    @Override
    public AccessToken get() {
      int n = calls.incrementAndGet();
      CountDownLatch g = gate;
      if (g != null) {
        try {
          g.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TransientException("interrupted", e);
        }
      }
      Supplier<RuntimeException> f = failure;
      if (f != null) {
        throw f.get();
      }
      return AccessToken.issued(Secret.of("token-" + n), "bearer", lifetime, time);
    }
  }

  private final CountingExchange exchange = new CountingExchange();

  private TokenCache.Builder cache() {
    return TokenCache.builder(exchange).timeSource(time).executor(DIRECT);
  }

  @Test
  void firstCallExchangesAndLaterCallsAreServedFromCache() {
    TokenCache cache = cache().build();
    AccessToken first = cache.token();
    for (int i = 0; i < 1000; i++) {
      assertSame(first, cache.token());
    }
    assertEquals(1, exchange.calls.get());
    assertEquals("token-1", first.value().reveal());
  }

  @Test
  void twoHundredFiftySixThreadsOnAnEmptyCacheShareOneExchange() throws Exception {
    exchange.gate = new CountDownLatch(1);
    TokenCache cache = TokenCache.builder(exchange).timeSource(time).build();
    int threads = 256;
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Thread> all = new ArrayList<>();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger served = new AtomicInteger();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
          seen.add(cache.token().value().reveal());
          served.incrementAndGet();
        } catch (Exception e) {
          errors.incrementAndGet();
        }
      });
      t.start();
      all.add(t);
    }
    ready.await();
    go.countDown();
    // Let the callers pile up behind the one exchange, then let it finish.
    while (exchange.calls.get() == 0) {
      Thread.onSpinWait();
    }
    Thread.sleep(200);
    exchange.gate.countDown();
    for (Thread t : all) {
      t.join(10_000);
      assertFalse(t.isAlive(), "every caller finished");
    }
    assertEquals(0, errors.get());
    assertEquals(threads, served.get(), "every caller got a token");
    assertEquals(1, exchange.calls.get());
    assertEquals(Set.of("token-1"), seen);
    cache.close();
  }

  @Test
  void insideTheRefreshWindowCallersKeepTheCurrentTokenWhileOneBackgroundRefreshRuns() throws Exception {
    TokenCache cache = TokenCache.builder(exchange).timeSource(time).build(); // real refresh threads
    AccessToken first = cache.token();
    exchange.gate = new CountDownLatch(1);
    time.advance(Duration.ofMinutes(55)); // window: last 10-12 minutes before 59:30
    List<Thread> callers = new ArrayList<>();
    AtomicInteger servedOld = new AtomicInteger();
    for (int i = 0; i < 8; i++) {
      Thread t = new Thread(() -> {
        for (int j = 0; j < 1000; j++) {
          if (cache.token() == first) {
            servedOld.incrementAndGet();
          }
        }
      });
      t.start();
      callers.add(t);
    }
    for (Thread t : callers) {
      t.join(10_000);
    }
    // All 8000 calls returned without waiting: the refresh is still blocked in the exchange.
    assertEquals(8000, servedOld.get());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (exchange.calls.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(2, exchange.calls.get(), "exactly one background refresh");
    assertSame(first, cache.token());
    exchange.gate.countDown();
    while (cache.peek() == first && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    AccessToken second = cache.token();
    assertEquals("token-2", second.value().reveal());
    assertEquals(2, exchange.calls.get());
    cache.close();
  }

  @Test
  void refreshPointLiesInTheWindowOfTenPercentOrTenMinutesWithJitter() {
    exchange.lifetime = Duration.ofHours(24);
    TokenCache cache = cache().build();
    AccessToken first = cache.token();
    // 24 h: window = 2.4 h plus up to 20 % jitter, before the 30 s skew.
    time.advance(Duration.ofHours(24).minus(Duration.ofMinutes(144 + 29)).minusSeconds(30).minusSeconds(1));
    assertSame(first, cache.token());
    assertEquals(1, exchange.calls.get());
    time.advance(Duration.ofMinutes(30));
    cache.token(); // now surely inside the window: the refresh runs (inline executor)
    assertEquals(2, exchange.calls.get());
  }

  @Test
  void failedRefreshWhileValidKeepsServingTheTokenAndBacksOffExponentially() {
    TokenCache cache = cache().backoff(Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.0)).build();
    AccessToken first = cache.token();
    exchange.failure = () -> new TransientException("IMS https://ims.example/ims/token/v3 returned 503", null);
    // The refresh point lies in [47:30, 49:30]: 10 min window + up to 2 min jitter before the 30 s skew.
    time.advance(Duration.ofMinutes(49).plusSeconds(30));
    int failedCalls = 0;
    // Ten simulated minutes, one call per simulated second.
    for (int s = 0; s < 600; s++) {
      try {
        assertSame(first, cache.token());
      } catch (FireflyAuthException e) {
        failedCalls++;
      }
      time.advance(Duration.ofSeconds(1));
    }
    assertEquals(0, failedCalls);
    // Attempts at +0, +1, +3, +7, +15, +31, +63, +127, +255, +511 s: 10 refreshes plus the first exchange.
    assertEquals(11, exchange.calls.get());
  }

  @Test
  void retryAfterFromThePeerIsHonoured() {
    TokenCache cache = cache().backoff(Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.0)).build();
    cache.token();
    exchange.failure = () -> new TransientException("429", null, Duration.ofSeconds(120));
    time.advance(Duration.ofMinutes(50));
    cache.token();
    assertEquals(2, exchange.calls.get());
    time.advance(Duration.ofSeconds(119));
    cache.token();
    assertEquals(2, exchange.calls.get());
    time.advance(Duration.ofSeconds(1));
    cache.token();
    assertEquals(3, exchange.calls.get());
  }

  @Test
  void afterExpiryCallersGetTheTypedFailureAndItIsRememberedBriefly() {
    TokenCache cache = cache().failureMemory(Duration.ofSeconds(5)).build();
    cache.token();
    exchange.failure = () -> new CredentialsRejectedException("IMS rejected client ****abcd");
    time.advance(HOUR);
    CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, cache::token);
    assertEquals("IMS rejected client ****abcd", e.getMessage());
    assertEquals(2, exchange.calls.get());
    // Remembered: no new exchange for the next calls within the failure memory.
    for (int i = 0; i < 100; i++) {
      assertThrows(CredentialsRejectedException.class, cache::token);
    }
    assertEquals(2, exchange.calls.get());
    time.advance(Duration.ofSeconds(5));
    exchange.failure = null;
    assertEquals("token-3", cache.token().value().reveal());
  }

  @Test
  void inItsLastThirtySecondsATokenIsReplacedBeforeItIsServed() {
    TokenCache cache = cache().build();
    AccessToken first = cache.token();
    exchange.failure = () -> new TransientException("down", null);
    time.advance(HOUR.minusSeconds(31)); // refresh window: the failed background refresh changes nothing
    assertSame(first, cache.token());
    exchange.failure = null;
    time.advance(Duration.ofSeconds(11)); // 20 s left: inside the skew, and past the 1 s first backoff
    AccessToken second = cache.token();
    assertNotSame(first, second, "with IMS up, the caller waits for the new token");
    assertEquals("token-" + exchange.calls.get(), second.value().reveal());
  }

  @Test
  void inItsLastThirtySecondsTheOldTokenIsTheFallbackWhenTheRefreshFails() {
    TokenCache cache = cache().backoff(Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.0)).build();
    AccessToken first = cache.token();
    exchange.failure = () -> new TransientException("IMS down", null);
    time.advance(HOUR.minusSeconds(20)); // inside the 30 s skew, still valid for 20 s
    int before = exchange.calls.get();
    assertSame(first, cache.token(), "a failed refresh must not turn a valid token into an error");
    assertEquals(before + 1, exchange.calls.get(), "the caller did try to refresh first");
    assertSame(first, cache.token(), "within the backoff delay: no new attempt, the valid token");
    assertEquals(before + 1, exchange.calls.get());
    assertSame(first, cache.tokenAsync().join());
    time.advance(Duration.ofSeconds(20)); // now really expired
    assertThrows(TransientException.class, cache::token);
  }

  @Test
  void aWallClockJumpNeitherExpiresNorExtendsAToken() {
    TokenCache cache = cache().build();
    AccessToken first = cache.token();
    time.jumpWallClock(Duration.ofDays(3));
    assertSame(first, cache.token());
    time.jumpWallClock(Duration.ofDays(-6));
    assertSame(first, cache.token());
    assertEquals(1, exchange.calls.get());
    time.advance(HOUR);
    assertNotSame(first, cache.token());
    assertEquals(2, exchange.calls.get());
  }

  @Test
  void lifetimesAreClampedToTheMaximum() {
    exchange.lifetime = Duration.ofDays(1000);
    TokenCache cache = cache().build();
    AccessToken t = cache.token();
    assertEquals(Duration.ofHours(24), t.lifetime());
    assertEquals(time.now().plus(Duration.ofHours(24)), t.expiresAt().orElseThrow());
    time.advance(Duration.ofHours(24));
    cache.token();
    assertEquals(2, exchange.calls.get());
  }

  @Test
  void maximumLifetimeIsConfigurable() {
    TokenCache cache = cache().maxLifetime(Duration.ofMinutes(30)).build();
    assertEquals(Duration.ofMinutes(30), cache.token().lifetime());
  }

  @Test
  void asyncCallersGetTheTokenOrTheTypedFailure() throws Exception {
    TokenCache cache = TokenCache.builder(exchange).timeSource(time).build();
    AccessToken t = cache.tokenAsync().get(10, TimeUnit.SECONDS);
    assertEquals("token-1", t.value().reveal());
    assertSame(t, cache.tokenAsync().get());

    time.advance(HOUR);
    exchange.failure = () -> new TransientException("IMS down", null);
    CompletableFuture<AccessToken> failed = cache.tokenAsync();
    ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof TransientException);
    cache.close();
  }

  @Test
  void listenersHearRefreshesAndFailures() {
    List<String> events = new ArrayList<>();
    TokenCache cache = cache().listener(new TokenCacheListener() {
      @Override
      public void onRefresh(AccessToken token) {
        events.add("refresh " + token.lifetime());
      }

      @Override
      public void onFailure(RuntimeException error, int n, Duration next, boolean stillValid) {
        events.add("failure " + n + " " + stillValid);
      }
    }).build();
    cache.token();
    exchange.failure = () -> new TransientException("down", null);
    time.advance(Duration.ofMinutes(50));
    cache.token();
    assertEquals(List.of("refresh PT1H", "failure 1 true"), events);
  }

  @Test
  void closeStopsTheRefreshThreadItStartedAndLaterCallsFail() throws Exception {
    TokenCache cache = TokenCache.builder(exchange).timeSource(time).threadName("close-test-refresh").build();
    cache.token();
    exchange.gate = new CountDownLatch(1); // the background refresh blocks until interrupted
    time.advance(Duration.ofMinutes(55));
    cache.token();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (exchange.calls.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(refreshThreadAlive("close-test-refresh"));
    cache.close();
    assertFalse(refreshThreadAlive("close-test-refresh"));
    IllegalStateException e = assertThrows(IllegalStateException.class, cache::token);
    assertTrue(e.getMessage().contains("closed"));
    cache.close(); // idempotent
  }

  private static boolean refreshThreadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  @Test
  void hotPathAllocatesNothing() {
    // Tokens must be issued on the cache's own clock, here the real one.
    AtomicInteger calls = new AtomicInteger();
    TokenCache cache = TokenCache.builder(() -> {
      calls.incrementAndGet();
      return AccessToken.issued(Secret.of("real-clock-token"), "bearer", HOUR, TimeSource.system());
    }).timeSource(TimeSource.system()).build();
    cache.token();
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    for (int i = 0; i < 200_000; i++) {
      cache.token(); // warm up
    }
    long before = mx.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 1_000_000; i++) {
      cache.token();
    }
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    // A single allocation per call would be >= 16 MB here; allow for the measurement's own noise.
    assertTrue(allocated < 64 * 1024, "hot path allocated " + allocated + " bytes in 1M calls");
    assertEquals(1, calls.get(), "every call must have been served from the cache");
    cache.close();
  }

  @Test
  void toStringShowsNoToken() {
    TokenCache cache = cache().build();
    cache.token();
    assertFalse(cache.toString().contains("token-1"), cache.toString());
  }

  @Test
  void invalidateMakesTheNextCallExchangeAgain() {
    TokenCache cache = cache().build();
    AccessToken first = cache.token();
    cache.invalidate();
    assertNotSame(first, cache.token());
    assertEquals(2, exchange.calls.get());
  }

  @Test
  void refreshWindowAndExpirySkewAreConfigurable() {
    TokenCache cache = cache().refreshWindow(0.5, Duration.ZERO).expirySkew(Duration.ZERO).build();
    AccessToken first = cache.token();
    time.advance(Duration.ofMinutes(29)); // a half-lifetime window starts at 30 min (no jitter can pass half)
    assertSame(first, cache.token());
    assertEquals(1, exchange.calls.get());
    time.advance(Duration.ofMinutes(1));
    cache.token();
    assertEquals(2, exchange.calls.get(), "refreshed at half the lifetime");

    TokenCache noSkew = cache().expirySkew(Duration.ZERO).build();
    AccessToken t = noSkew.token();
    exchange.failure = () -> new TransientException("down", null);
    time.advance(HOUR.minusSeconds(1));
    assertSame(t, noSkew.token(), "without skew the token is served first until its last second");
  }
}
