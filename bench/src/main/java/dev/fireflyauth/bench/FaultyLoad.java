package dev.fireflyauth.bench;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * P7: many threads calling {@code token()} over simulated days while every exchange fails with probability 0.3.
 * Counts errors returned while some issued token was still valid (target 0) and exchanges made.
 *
 * <p>Simulated time advances with the calls: each thread moves the shared clock forward every
 * {@link #CALLS_PER_TICK} of its calls, so the whole run covers {@link #SIMULATED} in evenly spread steps, and
 * then gives up the CPU for {@link #YIELD_NANOS}, so that a refresh on a background thread is not starved by
 * 64 spinning callers for what would be hours of simulated time.
 */
final class FaultyLoad implements Scenario {
  static final int THREADS = 64;
  static final int CALLS_PER_TICK = 10_000;
  static final Duration SIMULATED = Duration.ofHours(72);
  static final double FAILURE_RATE = 0.3;
  static final long YIELD_NANOS = 50_000;

  private final long callsPerThread;

  FaultyLoad(long callsPerThread) {
    this.callsPerThread = callsPerThread;
  }

  @Override
  public String id() {
    return "p7";
  }

  @Override
  public Results run() throws Exception {
    long ticks = THREADS * (callsPerThread / CALLS_PER_TICK);
    Duration tick = SIMULATED.dividedBy(Math.max(1, ticks));
    Results r =
        new Results("P7 load with faults", THREADS + " threads × " + callsPerThread + " token() calls over "
            + SIMULATED.toHours() + " simulated hours (clock step " + tick.toMillis() + " ms every "
            + CALLS_PER_TICK + " calls per thread); 24 h tokens; each exchange fails with p = " + FAILURE_RATE);
    for (Peer peer : Peer.simulatable()) {
      SimClock clock = new SimClock();
      FakeIms ims =
          FakeIms.builder()
              .clock(clock::nanoTime)
              .failing(() -> ThreadLocalRandom.current().nextDouble() < FAILURE_RATE)
              .build();
      AtomicLong whileValid = new AtomicLong();
      AtomicLong withoutToken = new AtomicLong();
      long t0 = System.nanoTime();
      try (Contender c = peer.create(ims, clock)) {
        Thread[] ts = new Thread[THREADS];
        for (int i = 0; i < THREADS; i++) {
          ts[i] = new Thread(() -> loop(c, clock, ims, tick, whileValid, withoutToken));
          ts[i].start();
        }
        for (Thread t : ts) {
          t.join();
        }
      }
      r.put(peer, "errors_while_token_valid", whileValid.get())
          .put(peer, "errors_without_valid_token", withoutToken.get())
          .put(peer, "exchanges", ims.attempts())
          .put(peer, "failed_exchanges", ims.failures())
          .put(peer, "wall_s", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
    }
    return r.note("not_run", "guava and azure read the system clock directly and cannot run in simulated time");
  }

  private void loop(Contender c, SimClock clock, FakeIms ims, Duration tick, AtomicLong whileValid,
      AtomicLong withoutToken) {
    long valid = 0;
    long invalid = 0;
    for (long i = 1; i <= callsPerThread; i++) {
      try {
        c.token();
      } catch (Exception e) {
        if (ims.someTokenValidAt(clock.nanoTime())) {
          valid++;
        } else {
          invalid++;
        }
      }
      if (i % CALLS_PER_TICK == 0) {
        clock.advance(tick);
        // Give the CPU up briefly: refreshes on background threads (ours, AWS NonBlocking) then get a core
        // within simulated seconds, as they do in real time, instead of waiting behind 64 spinning callers
        // while the simulated clock runs some 25,000 times faster than the real one.
        LockSupport.parkNanos(YIELD_NANOS);
      }
    }
    whileValid.addAndGet(valid);
    withoutToken.addAndGet(invalid);
  }
}
