package dev.fireflyauth.cache;

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
    if (shutdown) {
      throw new RejectedExecutionException("token cache is closed");
    }
    Thread t = new Thread(new Tracked(task), name);
    t.setDaemon(true);
    live.add(t);
    t.start();
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

  /** Interrupts running refreshes and waits up to a second for each to end. */
  void shutdown() {
    shutdown = true;
    for (Thread t : live) {
      t.interrupt();
    }
    for (Thread t : live) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
