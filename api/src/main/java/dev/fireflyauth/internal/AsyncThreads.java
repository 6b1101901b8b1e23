package dev.fireflyauth.internal;

import java.util.concurrent.Executor;

/**
 * Runs {@code FireflyAuth.headersAsync()}'s first resolution on a short-lived daemon thread when the
 * application gave no executor: the caller must not block, and the JDK's common pool is not the place for a
 * file read or a Secrets Manager call. Used at most once per token lifetime.
 */
public final class AsyncThreads implements Executor {
  public static final AsyncThreads INSTANCE = new AsyncThreads();

  private AsyncThreads() {}

  @Override
  public void execute(Runnable task) {
    Thread t = new Thread(task, "firefly-auth-async");
    t.setDaemon(true);
    t.start();
  }
}
