package dev.fireflyauth.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Faults injected into the emulator's next token requests, on demand:
 *
 * <pre>{@code
 * ims.faults().next(2).serverError(503).next(1).tooManyRequests(Duration.ofSeconds(3));
 * }</pre>
 *
 * <p>Why it exists: code that embeds Firefly Auth must cope with an IMS that fails (retries, backoff, stale
 * tokens, {@code Retry-After}), and its tests need those failures at an exact request, not at random. Faults
 * are consumed in the order queued, one per token request; a request with no fault queued is answered
 * normally. Requests are counted before a fault is applied. Thread-safe.
 */
public final class Faults {
  private final Queue<Fault> queue = new ConcurrentLinkedQueue<>();

  Faults() {}

  /** Starts queuing a fault for the next {@code n} token requests (after those already queued). */
  public Next next(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("the number of faulted requests must be at least 1, was " + n);
    }
    return new Next(n);
  }

  /** Starts queuing a fault for the next token request (after those already queued). */
  public Next next() {
    return next(1);
  }

  /** How many faults are still queued. */
  public int pending() {
    return queue.size();
  }

  /** Forgets all queued faults. */
  public void clear() {
    queue.clear();
  }

  /** The fault for the request being handled, or null. */
  Fault poll() {
    return queue.poll();
  }

  /** Says which fault the next {@code n} requests get; each method queues it and returns the {@link Faults}. */
  public final class Next {
    private final int n;

    private Next(int n) {
      this.n = n;
    }

    /** Answer with HTTP {@code status} (500–599) and an IMS-shaped {@code server_error} body. */
    public Faults serverError(int status) {
      if (status < 500 || status > 599) {
        throw new IllegalArgumentException("a server error status must be 500-599, was " + status);
      }
      return add(new Fault(Fault.Kind.SERVER_ERROR, status, Duration.ZERO));
    }

    /** Answer 429 with {@code Retry-After} set to {@code retryAfter} rounded up to whole seconds. */
    public Faults tooManyRequests(Duration retryAfter) {
      return add(new Fault(Fault.Kind.TOO_MANY_REQUESTS, 429, nonNegative(retryAfter, "retryAfter")));
    }

    /**
     * Wait {@code delay} before answering normally. The wait goes through the emulator's
     * {@link dev.fireflyauth.TimeSource}: real with the default clock (for client timeouts), instant with a
     * fake one that advances on sleep.
     */
    public Faults delay(Duration delay) {
      return add(new Fault(Fault.Kind.DELAY, 0, nonNegative(delay, "delay")));
    }

    /** Close the TCP connection without sending a response; the client sees an I/O error. */
    public Faults dropConnection() {
      return add(new Fault(Fault.Kind.DROP_CONNECTION, 0, Duration.ZERO));
    }

    private Faults add(Fault fault) {
      for (int i = 0; i < n; i++) {
        queue.add(fault);
      }
      return Faults.this;
    }
  }

  private static Duration nonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + d);
    }
    return d;
  }
}
