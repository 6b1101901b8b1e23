package dev.fireflyauth.spi.support;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Waiting for a shared result the way single-flight callers need it: the waiter gets the very exception the
 * running thread threw (so {@code kind()} and the message survive), not a {@link CompletionException}
 * wrapping it.
 *
 * <p>Why it exists: the token cache and the credential caches of the sources all let concurrent callers share
 * one in-flight load; each used to unwrap the future's failure on its own.
 */
public final class Futures {
  private Futures() {}

  /**
   * The result of {@code f}, waiting as long as it takes; interruptible.
   *
   * @throws RuntimeException or Error: the one the computation threw, unwrapped
   * @throws CancellationException when {@code f} was cancelled
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public static <T> T await(CompletableFuture<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /** Like {@link #await} but uninterruptible ({@link CompletableFuture#join()}). */
  public static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      throw rethrow(e.getCause());
    }
  }

  /** The cause of a failed future, as the computation threw it: a failure in a future is never a checked one here. */
  public static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static RuntimeException rethrow(Throwable cause) {
    Throwable c = unwrap(cause);
    if (c instanceof RuntimeException r) {
      throw r;
    }
    if (c instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException("the shared computation failed with a checked exception", c);
  }
}
