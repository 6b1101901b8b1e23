package dev.fireflyauth.bench;

import dev.fireflyauth.TransientException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The in-process stand-in for IMS that every cache under test exchanges with.
 *
 * <p>Why it exists: the scenarios compare caching code, not networks, so the exchange must cost exactly what a
 * scenario says (a controlled latency), fail exactly when it says (an outage, a failure rate), and count what
 * happened. The first exchange and every later one can differ in latency and lifetime, which is how a scenario
 * places a token right before its refresh point.
 */
final class FakeIms {
  private static final String CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final Duration firstLifetime;
  private final Duration laterLifetime;
  private final Duration laterLatency;
  private final Duration firstLatency;
  private final BooleanSupplier failing;
  private final LongSupplier nanoClock;
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicLong validUntilNanos = new AtomicLong(Long.MIN_VALUE);
  /** Token value → deadline on {@link #nanoClock}, when the scenario asked to check the tokens it is served. */
  private final Map<String, Long> deadlines;

  private FakeIms(Builder b) {
    this.firstLifetime = b.firstLifetime;
    this.laterLifetime = b.laterLifetime;
    this.firstLatency = b.firstLatency;
    this.laterLatency = b.laterLatency;
    this.failing = b.failing;
    this.nanoClock = b.nanoClock;
    this.deadlines = b.trackTokens ? new ConcurrentHashMap<>() : null;
  }

  static Builder builder() {
    return new Builder();
  }

  /** A token as IMS would issue it: a fresh random value and the lifetime it announces. */
  static final class Issued {
    final String value;
    final Duration lifetime;

    Issued(String value, Duration lifetime) {
      this.value = value;
      this.lifetime = lifetime;
    }
  }

  /** One exchange: waits the configured latency, then fails or issues a token. */
  Issued exchange() {
    int n = attempts.incrementAndGet();
    pause(n == 1 ? firstLatency : laterLatency);
    if (failing.getAsBoolean()) {
      failures.incrementAndGet();
      throw new TransientException("fake IMS: exchange " + n + " failed (simulated)", null);
    }
    Duration lifetime = n == 1 ? firstLifetime : laterLifetime;
    long deadline = nanoClock.getAsLong() + lifetime.toNanos();
    validUntilNanos.accumulateAndGet(deadline, Math::max);
    String token = randomToken();
    if (deadlines != null) {
      deadlines.put(token, deadline);
    }
    return new Issued(token, lifetime);
  }

  int attempts() {
    return attempts.get();
  }

  int failures() {
    return failures.get();
  }

  /** Whether some token issued so far is still before its deadline at {@code nowNanos} (scenario clock). */
  boolean someTokenValidAt(long nowNanos) {
    long until = validUntilNanos.get();
    // Before the first token, until is Long.MIN_VALUE, and now - until would overflow to "valid".
    return until != Long.MIN_VALUE && nowNanos - until < 0;
  }

  /**
   * Whether {@code token}, one this IMS issued, is past its deadline at {@code nowNanos} (scenario clock): a
   * cache that serves it gives the application a token the API would refuse. Needs {@link Builder#trackTokens()}.
   */
  boolean expiredAt(String token, long nowNanos) {
    Long deadline = deadlines.get(token);
    if (deadline == null) {
      throw new IllegalArgumentException("not a token this fake IMS issued");
    }
    return nowNanos - deadline >= 0;
  }

  private static void pause(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("fake IMS: interrupted", e);
    }
  }

  private static String randomToken() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] c = new char[40];
    for (int i = 0; i < c.length; i++) {
      c[i] = CHARS.charAt(r.nextInt(CHARS.length()));
    }
    return new String(c);
  }

  /** Configures a {@link FakeIms}; the defaults are an instant, never-failing IMS issuing 24 h tokens. */
  static final class Builder {
    private Duration firstLifetime = Duration.ofHours(24);
    private Duration laterLifetime = Duration.ofHours(24);
    private Duration firstLatency = Duration.ZERO;
    private Duration laterLatency = Duration.ZERO;
    private BooleanSupplier failing = () -> false;
    private LongSupplier nanoClock = System::nanoTime;
    private boolean trackTokens;

    Builder lifetimes(Duration first, Duration later) {
      this.firstLifetime = first;
      this.laterLifetime = later;
      return this;
    }

    Builder latencies(Duration first, Duration later) {
      this.firstLatency = first;
      this.laterLatency = later;
      return this;
    }

    /** Asked once per exchange: true makes that exchange throw a {@link TransientException}. */
    Builder failing(BooleanSupplier failing) {
      this.failing = failing;
      return this;
    }

    /** The clock on which issued tokens' deadlines are recorded; default {@link System#nanoTime()}. */
    Builder clock(LongSupplier nanoClock) {
      this.nanoClock = nanoClock;
      return this;
    }

    /** Remembers every issued token's deadline, for {@link FakeIms#expiredAt}. */
    Builder trackTokens() {
      this.trackTokens = true;
      return this;
    }

    FakeIms build() {
      return new FakeIms(this);
    }
  }
}
