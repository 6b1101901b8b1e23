package dev.fireflyauth;

import java.time.Duration;
import java.time.Instant;

/**
 * The clocks the library reads, injectable so tests can move time without waiting.
 *
 * <p>Why it exists: token deadlines are computed on a monotonic clock ({@link #nanoTime()}) so a wall-clock
 * jump neither expires nor extends a token, while people want to see expiry as an {@link Instant}. Retry
 * pauses go through {@link #sleep(Duration)} so a fake time source can turn a 2-second {@code Retry-After}
 * into an instant test.
 *
 * <p>Implementations must be thread-safe.
 */
public interface TimeSource {

  /** Monotonic nanoseconds, comparable only with other values from the same source (like {@link System#nanoTime()}). */
  long nanoTime();

  /** Wall-clock time, for display only. */
  Instant now();

  /** Pauses the calling thread for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** The real clocks: {@link System#nanoTime()}, {@link Instant#now()} and {@link Thread#sleep(long, int)}. */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }
}
