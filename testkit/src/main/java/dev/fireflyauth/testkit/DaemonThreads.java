package dev.fireflyauth.testkit;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the emulator's request threads and makes them daemons.
 *
 * <p>Why it exists: an emulator a test forgot to close must not keep the JVM (and the build) alive, and a
 * leak check must be able to find the emulator's threads by name.
 */
final class DaemonThreads implements ThreadFactory {
  static final String PREFIX = "firefly-ims-emulator-";

  private final String name;
  private final AtomicInteger count = new AtomicInteger();

  DaemonThreads(int port) {
    this.name = PREFIX + port + "-";
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, name + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
