package dev.fireflyauth.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * P6: 10,000 credentials in one process, each with its own cache holding a valid token. Measures the heap each
 * tenant retains (heap in use after a full GC, before and after) and the threads they keep alive.
 *
 * <p>All tenants share one exchange function, so the figure is the cache plus its token, not a test double.
 * The volatile row (a token in a field) shows what the token alone weighs.
 */
final class Tenants implements Scenario {
  static final int TENANTS = 10_000;

  @Override
  public String id() {
    return "p6";
  }

  @Override
  public Results run() throws Exception {
    Results r = new Results("P6 tenants", TENANTS + " caches, each primed with one 24 h token; heap in use after"
        + " System.gc() before and after, divided by the number of tenants; live threads added");
    List<Peer> peers = new ArrayList<>(Peer.caches());
    peers.add(Peer.VOLATILE);
    for (Peer peer : peers) {
      FakeIms ims = FakeIms.builder().build();
      long heapBefore = usedHeapAfterGc();
      int threadsBefore = liveThreads();
      Contender[] tenants = new Contender[TENANTS];
      for (int i = 0; i < TENANTS; i++) {
        tenants[i] = peer.create(ims);
        tenants[i].token();
      }
      Thread.sleep(500);
      long heapAfter = usedHeapAfterGc();
      int threads = liveThreads() - threadsBefore;
      r.put(peer, "bytes_per_tenant", (heapAfter - heapBefore) / TENANTS)
          .put(peer, "threads_added", threads)
          .put(peer, "threads_per_tenant", (double) threads / TENANTS);
      for (Contender c : tenants) {
        c.close();
      }
      // Keep the tenants reachable until after the second measurement.
      if (tenants.length != TENANTS) {
        throw new AssertionError();
      }
    }
    return r;
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }
}
