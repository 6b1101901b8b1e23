package dev.fireflyauth;

import java.time.Duration;
import java.time.Instant;

/** The real clocks; see {@link TimeSource#system()}. */
enum SystemTimeSource implements TimeSource {
  INSTANCE;

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (!duration.isNegative() && !duration.isZero()) {
      long nanos = duration.toNanos();
      Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    }
  }

  @Override
  public String toString() {
    return "TimeSource.system()";
  }
}
