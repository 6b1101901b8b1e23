package dev.fireflyauth.cli.serve;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a clean stop: the agent closes its server and token provider and the CLI exits 0.
 *
 * <p>Why it exists: the JVM's own reaction to SIGTERM (run shutdown hooks, exit 143) would report a failure for
 * what is an orderly stop by Kubernetes, systemd or Ctrl-C. {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}, present in every JDK) replaces that handler. Where a signal cannot be handled (a JVM
 * started with {@code -Xrs}), the JVM's default stays.
 */
final class StopSignal {
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile String reason = "stopped";

  /** Handles TERM and INT from now on. */
  static StopSignal install() {
    StopSignal s = new StopSignal();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), sig -> s.stop("SIG" + sig.getName()));
      } catch (IllegalArgumentException e) {
        // reserved by the JVM here: the default reaction remains
      }
    }
    return s;
  }

  /** Ends {@link #await()}; {@code why} is what the stop line shows. */
  void stop(String why) {
    reason = why;
    stopped.countDown();
  }

  /** Blocks until a signal (or {@link #stop}) arrives; returns why. */
  String await() throws InterruptedException {
    stopped.await();
    return reason;
  }
}
