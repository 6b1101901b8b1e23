package dev.fireflyauth.bench;

import dev.fireflyauth.TransientException;
import java.time.Duration;
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

  private FakeIms(Builder b) {
    this.firstLifetime = b.firstLifetime;
    this.laterLifetime = b.laterLifetime;
    this.firstLatency = b.firstLatency;
    this.laterLatency = b.laterLatency;
    this.failing = b.failing;
    this.nanoClock = b.nanoClock;
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
    validUntilNanos.accumulateAndGet(nanoClock.getAsLong() + lifetime.toNanos(), Math::max);
    return new Issued(randomToken(), lifetime);
  }

  /** The lifetime of the first token; a cache configured by hand (Guava) derives its expiry from it. */
  Duration announcedLifetime() {
    return firstLifetime;
  }

  int attempts() {
    return attempts.get();
  }

  int failures() {
    return failures.get();
  }

  /** Whether some token issued so far is still before its deadline at {@code nowNanos} (scenario clock). */
  boolean someTokenValidAt(long nowNanos) {
    return nowNanos - validUntilNanos.get() < 0;
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

    FakeIms build() {
      return new FakeIms(this);
    }
  }
}
