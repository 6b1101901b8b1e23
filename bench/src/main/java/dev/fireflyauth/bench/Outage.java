package dev.fireflyauth.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * P4: a 10-minute IMS outage, in simulated time, that starts while a 24 h token is still valid and the cache
 * is trying to refresh it. Counts exchange attempts during the outage (target ≤ 20) and failed calls (target 0).
 *
 * <p>The outage starts at each peer's own refresh point ({@link Peer#refreshLead} before expiry), the moment it
 * first wants a new token; one caller asks every 100 ms of simulated time for the 10 minutes and one more
 * minute. Each step also waits a little real time, so that refreshes running on background threads finish
 * as they would in real life.
 */
final class Outage implements Scenario {
  static final Duration LIFETIME = Duration.ofHours(24);
  static final Duration OUTAGE = Duration.ofMinutes(10);
  static final Duration AFTER = Duration.ofMinutes(1);
  static final Duration STEP = Duration.ofMillis(100);

  @Override
  public String id() {
    return "p4";
  }

  @Override
  public Results run() throws Exception {
    Results r =
        new Results("P4 outage", "simulated clock; 24 h token; a " + OUTAGE.toMinutes() + "-minute outage from"
            + " the peer's refresh point; one token() call every " + STEP.toMillis() + " ms of simulated time");
    for (Peer peer : Peer.simulatable()) {
      SimClock clock = new SimClock();
      long start = LIFETIME.minus(peer.refreshLead).toNanos();
      long end = start + OUTAGE.toNanos();
      FakeIms ims =
          FakeIms.builder()
              .clock(clock::nanoTime)
              .failing(() -> clock.nanoTime() >= start && clock.nanoTime() < end)
              .build();
      int failedDuring = 0;
      int failedAfter = 0;
      int attemptsDuring;
      try (Contender c = peer.create(ims, clock)) {
        c.token();
        clock.advance(Duration.ofNanos(start));
        int before = ims.attempts();
        for (long t = 0; t < OUTAGE.toNanos(); t += STEP.toNanos()) {
          failedDuring += call(c);
          clock.advance(STEP);
        }
        attemptsDuring = ims.attempts() - before;
        for (long t = 0; t < AFTER.toNanos(); t += STEP.toNanos()) {
          failedAfter += call(c);
          clock.advance(STEP);
        }
      }
      r.put(peer, "outage_starts_before_expiry", peer.refreshLead.toString())
          .put(peer, "attempts_during_outage", attemptsDuring)
          .put(peer, "failed_calls_during_outage", failedDuring)
          .put(peer, "failed_calls_in_minute_after", failedAfter);
    }
    return r.note("not_run", "guava and azure read the system clock directly and cannot run in simulated time");
  }

  private static int call(Contender c) {
    int failed = 0;
    try {
      c.token();
    } catch (Exception e) {
      failed = 1;
    }
    LockSupport.parkNanos(50_000);
    return failed;
  }
}
