package dev.fireflyauth;

import java.time.Duration;
import java.util.Optional;

/**
 * A fault that may go away by itself: connection refused or reset, timeout, HTTP 429 or 5xx, a garbled
 * response. The message names the endpoint; {@link #retryAfter()} carries the peer's {@code Retry-After}.
 */
public class TransientException extends FireflyAuthException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public TransientException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /**
   * @param retryAfter how long the peer asked us to wait, or null
   */
  public TransientException(String message, Throwable cause, Duration retryAfter) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the peer asked us to wait before the next attempt, when it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public Kind kind() {
    return Kind.TRANSIENT;
  }
}
