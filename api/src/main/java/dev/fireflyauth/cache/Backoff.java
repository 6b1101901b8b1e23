package dev.fireflyauth.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: how long to wait before attempt {@code n + 1} after {@code n} failures.
 *
 * <p>Why it exists: both the token cache (between background refreshes that failed) and token exchanges
 * (between HTTP retries) must back off the same way, so that an outage of the identity provider does not
 * become a synchronised request storm from every instance of an app. The delay is
 * {@code min(max, initial × 2^(n-1))}, reduced by a random fraction of up to {@code jitter}, and never
 * shorter than what the peer asked for with {@code Retry-After}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Backoff {
  private static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.5);

  private final Duration initial;
  private final Duration max;
  private final double jitter;

  private Backoff(Duration initial, Duration max, double jitter) {
    this.initial = Objects.requireNonNull(initial, "initial");
    this.max = Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0
        || max.compareTo(Duration.ofDays(100)) > 0) {
      throw new IllegalArgumentException("need 0 < initial <= max <= 100 days, got " + initial + ", " + max);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be within [0, 1], was " + jitter);
    }
    this.jitter = jitter;
  }

  /** 1 s doubling up to 5 min, each delay reduced by a random 0–50 % ("equal jitter"). */
  public static Backoff defaults() {
    return DEFAULT;
  }

  /**
   * @param initial the delay after the first failure
   * @param max the longest delay
   * @param jitter the largest random fraction taken off a delay, within [0, 1]
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException unless {@code 0 < initial <= max <= 100 days} and {@code 0 <= jitter <= 1}
   */
  public static Backoff of(Duration initial, Duration max, double jitter) {
    return new Backoff(initial, max, jitter);
  }

  /** The longest delay this policy computes by itself. */
  public Duration max() {
    return max;
  }

  /**
   * The delay after {@code failures} consecutive failures (1 for the first).
   *
   * @param retryAfter what the peer asked for, or null; the result is never shorter (capped at {@link #max()})
   */
  public Duration delay(int failures, Duration retryAfter) {
    int shift = Math.max(0, Math.min(failures - 1, 30));
    long base = initial.toNanos();
    long cap = max.toNanos();
    long full = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    long jittered = full - (long) (full * jitter * ThreadLocalRandom.current().nextDouble());
    if (retryAfter != null && !retryAfter.isNegative()) {
      // Compared as Durations: a Retry-After in the year 9999 would overflow toNanos().
      long asked = retryAfter.compareTo(max) >= 0 ? cap : retryAfter.toNanos();
      jittered = Math.max(jittered, asked);
    }
    return Duration.ofNanos(jittered);
  }

  @Override
  public String toString() {
    return "Backoff{initial=" + initial + ", max=" + max + ", jitter=" + jitter + '}';
  }
}
