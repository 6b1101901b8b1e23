package dev.fireflyauth.testing;

import dev.fireflyauth.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TimeSource} that moves only when told: {@link #advance(Duration)} moves both clocks,
 * {@link #jumpWallClock(Duration)} only the wall clock, and {@link #sleep(Duration)} advances instead of
 * waiting (and counts the sleeps). For api's own tests: other modules use the test kit's
 * {@code dev.fireflyauth.testkit.FakeTimeSource}, which api cannot depend on (the test kit depends on api).
 */
public final class FakeTimeSource implements TimeSource {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicLong wallOffsetNanos = new AtomicLong();
  private final Instant start = Instant.parse("2026-11-30T00:00:00Z");
  private final AtomicLong sleeps = new AtomicLong();
  private final AtomicLong sleptNanos = new AtomicLong();

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant now() {
    return start.plusNanos(nanos.get() - 1_000_000_000L + wallOffsetNanos.get());
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.incrementAndGet();
    sleptNanos.addAndGet(duration.toNanos());
    advance(duration);
  }

  /** Moves the monotonic and the wall clock forward. */
  public FakeTimeSource advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    return this;
  }

  /** Moves only the wall clock (an NTP step, a VM resume): token deadlines must not notice. */
  public FakeTimeSource jumpWallClock(Duration d) {
    wallOffsetNanos.addAndGet(d.toNanos());
    return this;
  }

  /** How many times {@link #sleep(Duration)} was called. */
  public long sleeps() {
    return sleeps.get();
  }

  /** The total of all {@link #sleep(Duration)} calls. */
  public Duration slept() {
    return Duration.ofNanos(sleptNanos.get());
  }
}
