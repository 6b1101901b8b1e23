package dev.fireflyauth;

import java.util.List;

/**
 * No source in the chain had credentials. The message and {@link #trace()} list every source tried and why it
 * was skipped, so the fix (set a variable, mount a file) is obvious from the error alone.
 */
public final class CredentialsNotFoundException extends FireflyAuthException {
  private static final long serialVersionUID = 1L;

  private final transient List<TraceEntry> trace;

  public CredentialsNotFoundException(String message, List<TraceEntry> trace) {
    super(message, null);
    this.trace = List.copyOf(trace);
  }

  /** Every source tried, in order, with the reason it was skipped. */
  public List<TraceEntry> trace() {
    return trace;
  }

  @Override
  public Kind kind() {
    return Kind.NOT_FOUND;
  }
}
