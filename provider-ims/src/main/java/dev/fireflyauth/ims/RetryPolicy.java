package dev.fireflyauth.ims;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.cache.Backoff;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Retries a {@link TokenRequest} on {@link TransientException} only: a few attempts, exponential backoff with
 * jitter, never sooner than the peer's {@code Retry-After}, all within one total deadline that bounds the
 * attempts themselves too (each attempt gets the request timeout or what is left of the deadline, whichever
 * is shorter).
 *
 * <p>Why it exists: a single dropped connection or 503 should not cost a caller without a token a failed
 * request, but an outage must not turn into a loop either: when the attempts or the deadline run out, the last
 * failure is thrown (with its {@code Retry-After}) and the token cache's own backoff takes over. Rejected
 * credentials and broken configuration pass straight through. Pauses go through {@link TimeSource#sleep} so
 * tests can count them. Immutable and thread-safe.
 */
final class RetryPolicy {
  private static final System.Logger LOG = System.getLogger(RetryPolicy.class.getName());

  private final TokenRequest delegate;
  private final int maxAttempts;
  private final Duration deadline;
  private final Duration attemptTimeout;
  private final Backoff backoff;
  private final TimeSource time;

  RetryPolicy(
      TokenRequest delegate, int maxAttempts, Duration deadline, Duration attemptTimeout, Backoff backoff,
      TimeSource time) {
    this.delegate = delegate;
    this.maxAttempts = maxAttempts;
    this.deadline = deadline;
    this.attemptTimeout = attemptTimeout;
    this.backoff = backoff;
    this.time = time;
  }

  /** The longest one call of {@link #request} can take: the deadline, which bounds attempts and pauses. */
  Duration deadline() {
    return deadline;
  }

  AccessToken request(ClientCredentials credentials, Secret secret) {
    long start = time.nanoTime();
    for (int attempt = 1; ; attempt++) {
      Duration left = deadline.minusNanos(time.nanoTime() - start);
      Duration budget = left.compareTo(attemptTimeout) < 0 ? left : attemptTimeout;
      try {
        if (budget.isNegative() || budget.isZero()) {
          throw new TransientException("no time left for another attempt within the retry deadline of "
              + deadline.toSeconds() + " s", null);
        }
        return delegate.request(credentials, secret, budget);
      } catch (TransientException e) {
        Duration asked = e.retryAfter().orElse(null);
        Duration delay = max(backoff.delay(attempt, asked), asked);
        Duration remaining = deadline.minusNanos(time.nanoTime() - start);
        if (attempt >= maxAttempts || delay.compareTo(remaining) >= 0 || Thread.currentThread().isInterrupted()) {
          throw giveUp(e, attempt, asked);
        }
        LOG.log(Level.INFO, "attempt {0} of {1} failed, retrying in {2} ms: {3}",
            attempt, maxAttempts, delay.toMillis(), e.getMessage());
        pause(delay, e);
      }
    }
  }

  private void pause(Duration delay, TransientException cause) {
    try {
      time.sleep(delay);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while waiting to retry: " + cause.getMessage(), cause);
    }
  }

  private static TransientException giveUp(TransientException last, int attempts, Duration retryAfter) {
    if (attempts == 1) {
      return last;
    }
    return new TransientException(last.getMessage() + " (gave up after " + attempts + " attempts)", last, retryAfter);
  }

  private static Duration max(Duration a, Duration b) {
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }
}
