package dev.fireflyauth.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady load: a few threads each calling {@code token()} then pausing briefly, timing every call.
 *
 * <p>Why paced: on two cores, eight threads spinning flat out would be preempted mid-call every few
 * milliseconds, and the scheduler's delays would swamp the library's. With a pause between calls the CPUs stay
 * mostly idle, so a call that takes over a millisecond is one the library made wait.
 */
final class PacedLoad {
  static final Duration PAUSE = Duration.ofNanos(200_000);
  static final long SLOW_NANOS = 1_000_000;

  final AtomicLong calls = new AtomicLong();
  final AtomicLong slowCalls = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

  /** Runs {@code threads} callers against {@code c} for {@code duration}, then returns. */
  PacedLoad run(Contender c, int threads, Duration duration) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    Thread[] ts = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      ts[i] = new Thread(() -> loop(c, end));
      ts[i].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    return this;
  }

  private void loop(Contender c, long end) {
    while (System.nanoTime() - end < 0) {
      long t0 = System.nanoTime();
      try {
        c.token();
      } catch (Exception e) {
        errors.incrementAndGet();
      }
      long d = System.nanoTime() - t0;
      calls.incrementAndGet();
      maxNanos.accumulate(d);
      if (d > SLOW_NANOS) {
        slowCalls.incrementAndGet();
      }
      LockSupport.parkNanos(PAUSE.toNanos());
    }
  }
}
