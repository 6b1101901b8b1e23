package dev.fireflyauth.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Single flight at its edges: a caller that saw "no token" just before the exchange finished, and callers that
 * keep arriving while it finishes. Either must never cause a second exchange.
 */
@Timeout(60)
class TokenCacheSingleFlightTest {
  private static final Duration HOUR = Duration.ofHours(1);

  /**
   * The system clock, except that the first reading on {@code pausedThread} waits until {@code resume} opens:
   * the reading {@code token()} takes right after it found no entry.
   */
  private static final class PausingClock implements TimeSource {
    volatile Thread pausedThread;
    final CountDownLatch reachedPause = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    private final AtomicBoolean paused = new AtomicBoolean();

    @Override
    public long nanoTime() {
      if (Thread.currentThread() == pausedThread && paused.compareAndSet(false, true)) {
        reachedPause.countDown();
        try {
          resume.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return System.nanoTime();
    }

    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      Thread.sleep(d.toMillis());
    }
  }

  @Test
  void aCallerThatSawNoTokenJustBeforeTheExchangeFinishedDoesNotExchangeAgain() throws Exception {
    PausingClock clock = new PausingClock();
    AtomicInteger exchanges = new AtomicInteger();
    CountDownLatch releaseExchange = new CountDownLatch(1);
    Supplier<AccessToken> exchange = () -> {
      exchanges.incrementAndGet();
      try {
        releaseExchange.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return AccessToken.issued(Secret.of("token-" + exchanges.get()), "bearer", HOUR, clock);
    };
    TokenCache cache = TokenCache.builder(exchange).timeSource(clock).build();

    Thread first = new Thread(cache::token, "first");
    first.start();
    while (exchanges.get() == 0) {
      Thread.sleep(1);
    }
    List<String> late = new ArrayList<>();
    Thread second = new Thread(() -> late.add(cache.token().value().reveal()), "late");
    clock.pausedThread = second;
    second.start();
    assertTrue(clock.reachedPause.await(10, TimeUnit.SECONDS), "the late caller read 'no entry'");
    releaseExchange.countDown();
    first.join(10_000); // the exchange is published and in-flight cleared before the late caller goes on
    assertFalse(first.isAlive());
    clock.resume.countDown();
    second.join(10_000);
    assertFalse(second.isAlive());
    assertEquals(List.of("token-1"), late);
    assertEquals(1, exchanges.get(), "the late caller must re-check after winning the flight");
    cache.close();
  }

  @RepeatedTest(20)
  void callersArrivingWhileTheExchangeFinishesShareIt() throws Exception {
    AtomicInteger exchanges = new AtomicInteger();
    CountDownLatch inExchange = new CountDownLatch(1);
    Supplier<AccessToken> exchange = () -> {
      int n = exchanges.incrementAndGet();
      inExchange.countDown();
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
      while (System.nanoTime() < until) {
        Thread.onSpinWait(); // finish while callers keep arriving
      }
      return AccessToken.issued(Secret.of("token-" + n), "bearer", HOUR, TimeSource.system());
    };
    TokenCache cache = TokenCache.builder(exchange).build();
    int threads = 16;
    AtomicInteger served = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> all = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        while (!stop.get()) {
          cache.token();
          served.incrementAndGet();
        }
      });
      all.add(t);
      t.start();
    }
    assertTrue(inExchange.await(10, TimeUnit.SECONDS));
    Thread.sleep(30);
    stop.set(true);
    for (Thread t : all) {
      t.join(10_000);
      assertFalse(t.isAlive(), "every caller finished");
    }
    assertTrue(served.get() >= threads);
    assertEquals(1, exchanges.get());
    cache.close();
  }

  @Test
  void aCallerWhoseExchangeFailedIsServedTheTokenOfOneThatSucceededWhileItWokeUp() throws Exception {
    PausingClock clock = new PausingClock();
    AtomicInteger exchanges = new AtomicInteger();
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Supplier<AccessToken> exchange = () -> {
      int n = exchanges.incrementAndGet();
      if (n == 1) {
        try {
          releaseFirst.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new TransientException("IMS answered 503", null);
      }
      return AccessToken.issued(Secret.of("token-" + n), "bearer", HOUR, clock);
    };
    // No failure memory: the next caller after a failure attempts at once, as it does once the memory is over.
    TokenCache cache = TokenCache.builder(exchange).timeSource(clock).failureMemory(Duration.ZERO).build();

    List<String> firstSaw = new ArrayList<>();
    Thread first = new Thread(() -> {
      try {
        firstSaw.add(cache.token().value().reveal());
      } catch (TransientException e) {
        firstSaw.add(e.getMessage());
      }
    }, "first");
    first.start();
    while (exchanges.get() == 0) {
      Thread.sleep(1);
    }
    List<String> waiter = new ArrayList<>();
    Thread second = new Thread(() -> waiter.add(cache.token().value().reveal()), "waiter");
    second.start();
    while (second.getState() != Thread.State.WAITING && second.getState() != Thread.State.TIMED_WAITING) {
      Thread.sleep(1); // joined the first exchange
    }
    clock.pausedThread = second; // its next clock reading is right after it learns the exchange failed
    releaseFirst.countDown();
    assertTrue(clock.reachedPause.await(10, TimeUnit.SECONDS), "the waiter woke to the failure");
    assertEquals("token-2", cache.token().value().reveal(), "a new caller's exchange succeeds meanwhile");
    clock.resume.countDown();
    second.join(10_000);
    first.join(10_000);
    assertFalse(second.isAlive());
    assertFalse(first.isAlive());
    // The caller that ran the failed exchange reports its failure, or the new token if it looked after it came.
    assertTrue(List.of("IMS answered 503").equals(firstSaw) || List.of("token-2").equals(firstSaw), firstSaw::toString);
    assertEquals(List.of("token-2"), waiter, "the waiter is served the token that now exists, not the failure");
    assertEquals(2, exchanges.get());
    cache.close();
  }
}
