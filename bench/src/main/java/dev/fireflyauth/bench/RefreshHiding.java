package dev.fireflyauth.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P3: steady load from 8 threads while the cache refreshes its token through a 500 ms exchange. Counts calls
 * delayed over 1 ms (target: none) and the longest delay.
 *
 * <p>The first token each peer gets lives just long enough that the peer's own refresh point falls about a
 * second into the run ({@link Peer#refreshSoonLifetime}); every later exchange takes 500 ms and returns a 24 h
 * token. Guava cannot follow a token's lifetime: it is memoized for a fixed {@link #GUAVA_MEMO} and fetched
 * {@link Peer#quietAfterFetch} before the run, so its one expiry also falls a second in. Before the measured
 * run, a separate instance of the same peer runs the same load for a second so that JIT compilation does not
 * count as the library's delay. Azure refuses to refresh within 30 s of a fetch: its first fetch is made first
 * and the other peers are measured while it waits (it is idle meanwhile: no thread, no timer).
 */
final class RefreshHiding implements Scenario {
  static final int THREADS = 8;
  static final Duration RUN = Duration.ofSeconds(3);
  static final Duration WARM_UP = Duration.ofSeconds(1);
  static final Duration LATENCY = Duration.ofMillis(500);
  /**
   * Guava's memo in P3. Guava dates a value from the start of its fetch: fetched 1.5 s before the run
   * ({@link Peer#quietAfterFetch}), it expires 1 s in, and its refetch (started then) lasts until 3.5 s: one
   * expiry inside the 3 s run.
   */
  static final Duration GUAVA_MEMO = Duration.ofMillis(2500);

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
    List<Peer> peers = new ArrayList<>();
    for (Peer peer : Peer.values()) {
      if (peer != Peer.VOLATILE_CLOCK && peer != Peer.AWS_ALLOW) {
        peers.add(peer);
      }
    }
    // Azure refuses to refresh within 30 s of a fetch: its first fetch happens first, the others run meanwhile.
    warmUp(Peer.AZURE);
    Waiting azure = new Waiting(Peer.AZURE);
    Map<Peer, Measured> rows = new LinkedHashMap<>();
    for (Peer peer : peers) {
      if (peer != Peer.AZURE) {
        warmUp(peer);
        Waiting w = new Waiting(peer);
        w.awaitQuiet();
        rows.put(peer, w.measure());
      }
    }
    if (!azure.stillQuiet()) {
      azure.close();
      azure = new Waiting(Peer.AZURE);
    }
    azure.awaitQuiet();
    rows.put(Peer.AZURE, azure.measure());
    for (Peer peer : peers) {
      PacedLoad load = rows.get(peer).load();
      r.put(peer, "calls", load.calls.get())
          .put(peer, "delayed_over_1ms", load.slowCalls.get())
          .put(peer, "max_delay_ms", Stats.millis(load.maxNanos.get()))
          .put(peer, "exchanges", rows.get(peer).exchanges())
          .put(peer, "errors", load.errors.get());
    }
    return r.note("noise_floor", "the volatile row is the scheduler's own noise: it never refreshes");
  }

  /** A separate instance of {@code peer} under the same load for a second, so JIT compilation is not counted. */
  private static void warmUp(Peer peer) throws Exception {
    try (Contender warm = peer.create(FakeIms.builder().build())) {
      new PacedLoad().run(warm, THREADS, WARM_UP);
    }
  }

  /** One peer's measured load and the exchanges it made meanwhile. */
  private record Measured(PacedLoad load, int exchanges) {}

  /** A peer that has fetched its first token and waits out its quiet time before the measured load. */
  private static final class Waiting implements AutoCloseable {
    final FakeIms ims;
    final Contender contender;
    final long loadAt;

    Waiting(Peer peer) throws Exception {
      this.ims = FakeIms.builder()
          .lifetimes(peer.refreshSoonLifetime, Duration.ofHours(24))
          .latencies(Duration.ZERO, LATENCY)
          .build();
      this.contender = peer == Peer.GUAVA ? new GuavaContender(ims, GUAVA_MEMO) : peer.create(ims);
      contender.token();
      this.loadAt = System.nanoTime() + peer.quietAfterFetch.toNanos();
    }

    /** Whether the load can still start on time (its refresh not yet due). */
    boolean stillQuiet() {
      return System.nanoTime() - loadAt < 0;
    }

    void awaitQuiet() throws InterruptedException {
      long wait = loadAt - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }

    /** Runs the measured load; returns the load and the exchanges made, and closes the peer. */
    Measured measure() throws Exception {
      try {
        PacedLoad load = new PacedLoad().run(contender, THREADS, RUN);
        return new Measured(load, ims.attempts());
      } finally {
        close();
      }
    }

    @Override
    public void close() {
      contender.close();
    }
  }
}
