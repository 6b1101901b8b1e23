package dev.fireflyauth.bench;

import java.time.Duration;

/**
 * P3: steady load from 8 threads while the cache refreshes its token through a 500 ms exchange. Counts calls
 * delayed over 1 ms (target: none) and the longest delay.
 *
 * <p>The first token each peer gets lives just long enough that the peer's own refresh point falls about a
 * second into the run ({@link Peer#refreshSoonLifetime}); every later exchange takes 500 ms and returns a 24 h
 * token. Before the measured run, a separate instance of the same peer runs the same load for a second so that
 * JIT compilation does not count as the library's delay.
 */
final class RefreshHiding implements Scenario {
  static final int THREADS = 8;
  static final Duration RUN = Duration.ofSeconds(3);
  static final Duration WARM_UP = Duration.ofSeconds(1);
  static final Duration LATENCY = Duration.ofMillis(500);

  @Override
  public String id() {
    return "p3";
  }

  @Override
  public Results run() throws Exception {
    Results r =
        new Results("P3 refresh hiding", THREADS + " threads each calling token() every "
            + PacedLoad.PAUSE.toNanos() / 1000 + " µs for " + RUN.toSeconds() + " s; the peer's proactive refresh"
            + " starts about 1 s in and its exchange takes " + LATENCY.toMillis() + " ms");
    for (Peer peer : Peer.values()) {
      if (peer == Peer.VOLATILE_CLOCK) {
        continue;
      }
      try (Contender warm = peer.create(FakeIms.builder().build())) {
        new PacedLoad().run(warm, THREADS, WARM_UP);
      }
      FakeIms ims =
          FakeIms.builder()
              .lifetimes(peer.refreshSoonLifetime, Duration.ofHours(24))
              .latencies(Duration.ZERO, LATENCY)
              .build();
      PacedLoad load;
      try (Contender c = peer.create(ims)) {
        c.token();
        Thread.sleep(peer.quietAfterFetch.toMillis());
        load = new PacedLoad().run(c, THREADS, RUN);
      }
      r.put(peer, "calls", load.calls.get())
          .put(peer, "delayed_over_1ms", load.slowCalls.get())
          .put(peer, "max_delay_ms", Stats.millis(load.maxNanos.get()))
          .put(peer, "exchanges", ims.attempts())
          .put(peer, "errors", load.errors.get());
    }
    return r.note("noise_floor", "the volatile row is the scheduler's own noise: it never refreshes");
  }
}
