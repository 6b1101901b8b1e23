package dev.fireflyauth.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A started command and the processes it started, remembered while it runs, so that stopping it stops them
 * all: a polite {@link ProcessHandle#destroy()} (SIGTERM) to the descendants and then the command, and after a
 * grace period {@link ProcessHandle#destroyForcibly()} (SIGKILL) to whatever still lives.
 *
 * <p>Why it exists: killing only the command leaves its children running (a {@code sleep}, a hung helper, the
 * real CLI behind a wrapper script), piling up with every retry. A child whose
 * parent has exited is no longer a descendant, so the tree is sampled while the command runs
 * ({@link #remember()}). {@link ProcessHandle}s compare by process ID and start time, so a remembered process
 * whose ID was reused is never signalled. Thread-safe.
 */
final class ProcessTree {
  private static final long POLL_MILLIS = 10;

  private final Process process;
  private final Set<ProcessHandle> seen = new LinkedHashSet<>(); // guarded by this
  private boolean stopped; // guarded by this

  ProcessTree(Process process) {
    this.process = process;
  }

  /** Adds the command's current descendants to those to stop. */
  void remember() {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> now = process.descendants().toList();
    synchronized (this) {
      seen.addAll(now);
    }
  }

  /**
   * Stops the command and every descendant seen, waiting at most {@code grace} for them to end before killing
   * them forcibly, then a little more for the command to be reaped. Only the first call acts.
   */
  void stop(Duration grace) {
    List<ProcessHandle> all;
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (process.isAlive()) {
        seen.addAll(process.descendants().toList());
      }
      all = new ArrayList<>(seen);
    }
    all.forEach(ProcessHandle::destroy);
    process.destroy();
    long deadline = System.nanoTime() + grace.toNanos();
    awaitExit(deadline);
    for (ProcessHandle h : all) {
      while (h.isAlive() && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
        pause();
      }
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    awaitExit(System.nanoTime() + grace.toNanos());
  }

  private void awaitExit(long deadline) {
    try {
      process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
