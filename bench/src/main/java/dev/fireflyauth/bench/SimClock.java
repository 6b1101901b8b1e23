package dev.fireflyauth.bench;

import dev.fireflyauth.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated clock that moves only when a scenario says, seen through each library's own clock type.
 *
 * <p>Why it exists: the outage (P4) and faulty-load (P7) scenarios cover hours in seconds. Ours reads a
 * {@link TimeSource}, the AWS SDK a {@link Clock}, Google Auth a {@code com.google.api.client.util.Clock};
 * all three views read the same counter so every contender lives in the same simulated time. Thread-safe.
 */
final class SimClock implements TimeSource {
  private static final Instant EPOCH = Instant.parse("2026-11-30T00:00:00Z");

  private final AtomicLong nanos = new AtomicLong();

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant now() {
    return EPOCH.plusNanos(nanos.get());
  }

  @Override
  public void sleep(Duration duration) {
    advance(duration);
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  /** The same time as a {@link Clock}, for the AWS SDK's {@code CachedSupplier}. */
  Clock javaClock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a simulated clock has one zone");
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }

  /** The same time as Google's clock type, for {@code OAuth2Credentials}. */
  com.google.api.client.util.Clock googleClock() {
    return () -> now().toEpochMilli();
  }
}
