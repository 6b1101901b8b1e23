package dev.fireflyauth.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;

/**
 * The default executor of a {@link TokenCache}: one short-lived daemon thread per background refresh.
 *
 * <p>A cache refreshes rarely (once per token lifetime), so keeping a pool per cache would hold threads for
 * nothing, and a pool of our own shared JVM-wide would be global state. A thread exists only while a refresh
 * runs; {@link #shutdown()} interrupts and joins any that are left.
 *
 * <p>Starting a thread costs about a millisecond, which the caller that noticed the refresh window must not
 * pay (it is promised the current token without delay). So {@link #execute} only hands the start to the
 * JDK's common {@link ForkJoinPool} (microseconds); the refresh itself never runs there. If that pool is
 * busy the start waits, which is harmless: the current token stays valid for the whole refresh window.
 */
final class RefreshThreads implements Executor {
  private final Set<Thread> live = ConcurrentHashMap.newKeySet();
  private final String name;
  private boolean shutdown; // guarded by this

  RefreshThreads(String name) {
    this.name = name;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (shutdown) {
        throw new RejectedExecutionException("token cache is closed");
      }
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ForkJoinPool.commonPool().execute(() -> start(task, context));
  }

  private void start(Runnable task, ClassLoader context) {
    Thread t =
        new Thread(
            () -> {
              try {
                task.run();
              } finally {
                live.remove(Thread.currentThread());
              }
            },
            name);
    t.setDaemon(true);
    t.setContextClassLoader(context);
    synchronized (this) {
      if (shutdown) {
        return; // closed while the start was queued: the cache has already failed its waiters
      }
      live.add(t);
      t.start();
    }
  }

  /** Interrupts running refreshes and waits up to a second for each to end. */
  void shutdown() {
    List<Thread> running;
    synchronized (this) {
      shutdown = true;
      running = new ArrayList<>(live);
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
