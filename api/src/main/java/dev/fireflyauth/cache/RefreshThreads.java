package dev.fireflyauth.cache;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The default executor of a {@link TokenCache}: one short-lived daemon thread per background refresh.
 *
 * <p>A cache refreshes rarely (once per token lifetime), so keeping a pool per cache would hold threads for
 * nothing, and sharing one JVM-wide would be global state. A thread exists only while a refresh runs;
 * {@link #shutdown()} interrupts and joins any that are left.
 */
final class RefreshThreads implements Executor {
  private final Set<Thread> live = ConcurrentHashMap.newKeySet();
  private final String name;
  private volatile boolean shutdown;

  RefreshThreads(String name) {
    this.name = name;
    new Tracked(null).getClass(); // loaded now rather than on the caller of the first refresh
  }

  @Override
  public void execute(Runnable task) {
    Thread t = new Thread(new Tracked(task), name);
    t.setDaemon(true);
    synchronized (live) { // so that shutdown() either sees this thread or this call sees shutdown
      if (shutdown) {
        throw new RejectedExecutionException("token cache is closed");
      }
      live.add(t);
      t.start();
    }
  }

  /** Runs a refresh and forgets its thread; a class, not a lambda, so a first refresh links nothing new. */
  private final class Tracked implements Runnable {
    private final Runnable task;

    Tracked(Runnable task) {
      this.task = task;
    }

    @Override
    public void run() {
      try {
        task.run();
      } finally {
        live.remove(Thread.currentThread());
      }
    }
  }

  /**
   * Interrupts running refreshes and waits up to a second for each to end. It joins a snapshot, not the live
   * set: a refresh leaves the set just before its thread ends, and that thread must still be waited for.
   */
  void shutdown() {
    List<Thread> running;
    synchronized (live) {
      shutdown = true;
      running = List.copyOf(live);
    }
    for (Thread t : running) {
      t.interrupt();
    }
    for (Thread t : running) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
