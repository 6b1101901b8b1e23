package dev.fireflyauth.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the emulator's request threads, makes them daemons, and can wait for them to end.
 *
 * <p>Why it exists: an emulator a test forgot to close must not keep the JVM (and the build) alive, and a
 * leak check must be able to find the emulator's threads by name. {@link #joinAll} exists because
 * {@code ThreadPoolExecutor.awaitTermination} returns while the last worker is still finishing on its own
 * thread; only a join proves that every thread is gone.
 */
final class DaemonThreads implements ThreadFactory {
  static final String PREFIX = "firefly-ims-emulator-";

  private final String name;
  private final AtomicInteger count = new AtomicInteger();
  private final List<Thread> started = new ArrayList<>();

  DaemonThreads(int port) {
    this.name = PREFIX + port + "-";
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, name + count.incrementAndGet());
    t.setDaemon(true);
    synchronized (started) {
      started.removeIf(old -> old.getState() == Thread.State.TERMINATED);
      started.add(t);
    }
    return t;
  }

  /** Waits up to {@code timeout} in total for every thread this factory made to end; true if all did. */
  boolean joinAll(long timeout, TimeUnit unit) throws InterruptedException {
    List<Thread> threads;
    synchronized (started) {
      threads = new ArrayList<>(started);
    }
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (Thread t : threads) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedJoin(t, left);
    }
    return threads.stream().noneMatch(Thread::isAlive);
  }
}
