package dev.fireflyauth.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P2: many threads released together on an empty cache while the exchange takes 50 ms. Counts exchanges (the
 * target is exactly one) and how long each caller waited.
 */
final class Stampede implements Scenario {
  static final int THREADS = 256;
  static final int ROUNDS = 5;
  static final Duration LATENCY = Duration.ofMillis(50);

  @Override
  public String id() {
    return "p2";
  }

  @Override
  public Results run() throws Exception {
    Results r =
        new Results("P2 stampede", THREADS + " threads released together on an empty cache, exchange "
            + LATENCY.toMillis() + " ms, " + ROUNDS + " rounds (a fresh cache each)");
    for (Peer peer : Peer.caches()) {
      long[] waits = new long[THREADS * ROUNDS];
      int maxExchanges = 0;
      int totalExchanges = 0;
      AtomicInteger errors = new AtomicInteger();
      for (int round = 0; round < ROUNDS; round++) {
        FakeIms ims = FakeIms.builder().latencies(LATENCY, LATENCY).build();
        try (Contender c = peer.create(ims)) {
          oneRound(c, waits, round * THREADS, errors);
        }
        maxExchanges = Math.max(maxExchanges, ims.attempts());
        totalExchanges += ims.attempts();
      }
      r.put(peer, "exchanges_per_round_max", maxExchanges)
          .put(peer, "exchanges_total", totalExchanges)
          .put(peer, "wait_p50_ms", Stats.millis(Stats.percentile(waits, 50)))
          .put(peer, "wait_p99_ms", Stats.millis(Stats.percentile(waits, 99)))
          .put(peer, "wait_max_ms", Stats.millis(Stats.percentile(waits, 100)))
          .put(peer, "errors", errors.get());
    }
    return r;
  }

  private static void oneRound(Contender c, long[] waits, int offset, AtomicInteger errors)
      throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    Thread[] threads = new Thread[THREADS];
    for (int i = 0; i < THREADS; i++) {
      int slot = offset + i;
      threads[i] =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                  long t0 = System.nanoTime();
                  c.token();
                  waits[slot] = System.nanoTime() - t0;
                } catch (Exception e) {
                  errors.incrementAndGet();
                }
              });
      threads[i].start();
    }
    ready.await();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
  }
}
