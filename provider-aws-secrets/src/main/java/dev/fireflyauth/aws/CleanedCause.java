package dev.fireflyauth.aws;

import dev.fireflyauth.Secret;
import java.util.Collection;

/**
 * A copy of an SDK exception chain fit to be a cause: each link keeps its class name (in the message) and stack
 * trace, but its message is cleaned as peer text.
 *
 * <p>Why it exists: the SDK puts AWS's error text, which an echoing endpoint fills with our signed request,
 * into its exception messages; a {@link dev.fireflyauth.TransientException} that kept the SDK exception as its
 * cause would print that text wherever the exception is logged with its causes.
 */
final class CleanedCause extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int MAX_DEPTH = 8;

  private CleanedCause(String message, CleanedCause cause) {
    super(message, cause, false, true);
  }

  /** {@code t} and its causes, cleaned of {@code known} secrets and anything credential-shaped. */
  static CleanedCause of(Throwable t, Collection<Secret> known) {
    return of(t, known, 0);
  }

  private static CleanedCause of(Throwable t, Collection<Secret> known, int depth) {
    CleanedCause next = t.getCause() != null && t.getCause() != t && depth < MAX_DEPTH
        ? of(t.getCause(), known, depth + 1) : null;
    String message = t.getMessage() == null ? "" : ": " + AwsErrors.clean(t.getMessage(), known, 500);
    CleanedCause c = new CleanedCause(t.getClass().getName() + message, next);
    c.setStackTrace(t.getStackTrace());
    return c;
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
