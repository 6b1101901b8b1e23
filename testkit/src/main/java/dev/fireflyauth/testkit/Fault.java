package dev.fireflyauth.testkit;

import java.time.Duration;

/**
 * One injected fault, applied to one token request.
 *
 * <p>Why it exists: {@link Faults} queues these and {@link TokenEndpoint} applies them; a value type keeps
 * the two apart. Immutable.
 */
record Fault(Kind kind, int status, Duration duration) {

  enum Kind {
    /** Answer {@code status} (5xx) in IMS's error shape. */
    SERVER_ERROR,
    /** Answer 429 with {@code Retry-After: duration}. */
    TOO_MANY_REQUESTS,
    /** Wait {@code duration} on the emulator's clock, then answer normally. */
    DELAY,
    /** Close the TCP connection without any response. */
    DROP_CONNECTION
  }

  /** {@code Retry-After} delta-seconds: the duration rounded up to whole seconds. */
  long retryAfterSeconds() {
    long s = duration.getSeconds();
    return duration.getNano() > 0 ? s + 1 : s;
  }
}
