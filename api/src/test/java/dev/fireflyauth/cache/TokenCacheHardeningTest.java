package dev.fireflyauth.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testing.FakeTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The defects a review found in the cache, and its second tier; each test failed before its fix. */
@Timeout(30)
class TokenCacheHardeningTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private final FakeTimeSource time = new FakeTimeSource();
  private final AtomicInteger exchanges = new AtomicInteger();
  private volatile Supplier<RuntimeException> failure;

  private final Supplier<AccessToken> exchange = () -> {
    int n = exchanges.incrementAndGet();
    Supplier<RuntimeException> f = failure;
    if (f != null) {
      throw f.get();
    }
    return AccessToken.issued(Secret.of("token-" + n), "bearer", HOUR, time);
  };

  private TokenCache.Builder cache() {
    return TokenCache.builder(exchange).timeSource(time).executor(Runnable::run);
  }

  static Stream<Arguments> nonsense() {
    return Stream.of(
        Arguments.of("expirySkew(-1s)", (Consumer<TokenCache.Builder>) b -> b.expirySkew(Duration.ofSeconds(-1)),
            "skew must not be negative, was PT-1S"),
        Arguments.of("failureMemory(-1s)", (Consumer<TokenCache.Builder>) b -> b.failureMemory(Duration.ofSeconds(-1)),
            "memory must not be negative, was PT-1S"),
        Arguments.of("refreshWindow(0.1, -1m)",
            (Consumer<TokenCache.Builder>) b -> b.refreshWindow(0.1, Duration.ofMinutes(-1)),
            "minimum must not be negative, was PT-1M"),
        Arguments.of("refreshWindow(0.9, 0)", (Consumer<TokenCache.Builder>) b -> b.refreshWindow(0.9, Duration.ZERO),
            "fraction must be within [0, 0.5], was 0.9"),
        Arguments.of("maxLifetime(0)", (Consumer<TokenCache.Builder>) b -> b.maxLifetime(Duration.ZERO),
            "maxLifetime must be positive, was PT0S"),
        Arguments.of("maxLifetime(10^9 days)",
            (Consumer<TokenCache.Builder>) b -> b.maxLifetime(Duration.ofDays(1_000_000_000L)),
            "maxLifetime must be at most 100 years, was PT24000000000H"),
        Arguments.of("threadName(blank)", (Consumer<TokenCache.Builder>) b -> b.threadName(" "),
            "threadName must not be blank"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonsense")
  void theBuilderRefusesNonsenseWithAMessage(String what, Consumer<TokenCache.Builder> call, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(cache()));
    assertEquals(message, e.getMessage());
  }

  @Test
  void nullIsRefusedByEverySetterTheSameWay() {
    assertEquals("executor", assertThrows(NullPointerException.class, () -> cache().executor(null)).getMessage());
    assertEquals("listener", assertThrows(NullPointerException.class, () -> cache().listener(null)).getMessage());
    assertEquals("tier", assertThrows(NullPointerException.class, () -> cache().sharedTier(null)).getMessage());
  }

  @Test
  void invalidateDropsOnlyTheTokenThatWasRejected() {
    TokenCache c = cache().build();
    AccessToken first = c.token();
    c.invalidate(first);
    AccessToken second = c.token();
    assertNotSame(first, second);
    c.invalidate(first); // a late report about the old token changes nothing
    assertSame(second, c.token());
    assertEquals(2, exchanges.get());
  }

  @Test
  void aRejectingExecutorCountsAsAFailedAttemptAndBacksOff() {
    AtomicInteger submitted = new AtomicInteger();
    Executor full = task -> {
      submitted.incrementAndGet();
      throw new RejectedExecutionException("queue full");
    };
    List<Duration> delays = new ArrayList<>();
    TokenCache c = TokenCache.builder(exchange).timeSource(time).executor(full)
        .listener(new TokenCacheListener() {
          @Override
          public void onFailure(RuntimeException error, int n, Duration next, boolean stillValid) {
            delays.add(next);
          }
        }).build();
    AccessToken t = c.token(); // inline: the executor is not used for a first token
    time.advance(Duration.ofMinutes(52)); // inside the refresh window
    for (int i = 0; i < 1000; i++) {
      assertSame(t, c.token());
    }
    assertEquals(1, submitted.get(), "one refresh submitted, then backoff instead of a submit per call");
    assertEquals(1, delays.size());
  }

  @Test
  void aRetryAfterYearsAwayNeitherThrowsNorLeavesTheCacheStuck() {
    failure = () -> new TransientException("throttled", null, Duration.ofDays(365L * 8000));
    TokenCache c = cache().build();
    assertThrows(TransientException.class, c::token);
    time.advance(Backoff.defaults().max().plusSeconds(1));
    failure = null;
    assertEquals("token-2", c.token().value().reveal(), "the next attempt after the capped backoff runs");
  }

  @Test
  void aListenerGetsHowLongAnExchangeTook() {
    List<Duration> took = new ArrayList<>();
    Supplier<AccessToken> slow = () -> {
      time.advance(Duration.ofMillis(250));
      return exchange.get();
    };
    TokenCache c = TokenCache.builder(slow).timeSource(time).listener(new TokenCacheListener() {
      @Override
      public void onRefresh(AccessToken token, Duration d) {
        took.add(d);
      }
    }).build();
    c.token();
    assertEquals(List.of(Duration.ofMillis(250)), took);
  }

  /** A tier that counts calls and may hold a token "from another process". */
  private final class CountingTier implements SharedTier {
    final AtomicInteger obtains = new AtomicInteger();
    volatile AccessToken stored;
    volatile boolean lastFresh;
    volatile AccessToken invalidated;

    @Override
    public AccessToken obtain(Supplier<AccessToken> exchange, Predicate<AccessToken> fresh) {
      obtains.incrementAndGet();
      AccessToken s = stored;
      lastFresh = s != null && fresh.test(s);
      return lastFresh ? s : exchange.get();
    }

    @Override
    public void invalidate(AccessToken rejected) {
      invalidated = rejected;
    }
  }

  @Test
  void theTierIsAskedOnlyWhenTheCacheWouldExchange() {
    CountingTier tier = new CountingTier();
    TokenCache c = cache().sharedTier(tier).build();
    for (int i = 0; i < 1000; i++) {
      c.token();
    }
    assertEquals(1, tier.obtains.get());
    assertEquals(1, exchanges.get());
  }

  @Test
  void aStoredTokenIsServedOnlyWhileBeforeTheRefreshPointTheCacheWouldCompute() {
    CountingTier tier = new CountingTier();
    // Issued 40 minutes ago with a 1 h lifetime: 20 minutes left, but the window (10-12 min) + skew is close.
    AccessToken old = AccessToken.issued(Secret.of("stored"), "bearer", HOUR, time);
    tier.stored = old;
    time.advance(Duration.ofMinutes(40));
    TokenCache c = cache().sharedTier(tier).build();
    assertSame(old, c.token());
    assertTrue(tier.lastFresh);
    assertEquals(0, exchanges.get());

    time.advance(Duration.ofMinutes(9)); // 11 minutes left: inside the window it could compute
    TokenCache late = cache().sharedTier(tier).build();
    assertEquals("token-1", late.token().value().reveal(), "too close to its refresh point: exchanged");
  }

  @Test
  void invalidatingAlsoRemovesTheTokenFromTheTier() {
    CountingTier tier = new CountingTier();
    TokenCache c = cache().sharedTier(tier).build();
    AccessToken t = c.token();
    c.invalidate(t);
    assertSame(t, tier.invalidated);
  }

  @Test
  void asyncCallersWithoutATokenDoNotBlock() throws Exception {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    Supplier<AccessToken> gated = () -> {
      gate.join();
      return exchange.get();
    };
    TokenCache c = TokenCache.builder(gated).timeSource(time).build(); // its own refresh thread
    CompletableFuture<AccessToken> f = c.tokenAsync();
    assertTrue(!f.isDone(), "the caller got a future at once");
    gate.complete(null);
    assertEquals("token-1", f.get(5, TimeUnit.SECONDS).value().reveal());
    c.close();
  }
}
