package dev.fireflyauth.bench;

/**
 * The floor for any cache that checks expiry on a monotonic clock: one volatile read of an immutable
 * (token, deadline) pair and one {@link System#nanoTime()} comparison, nothing else.
 */
final class VolatileClockContender implements Contender {
  private static final class Held {
    final String token;
    final long deadlineNanos;

    Held(String token, long deadlineNanos) {
      this.token = token;
      this.deadlineNanos = deadlineNanos;
    }
  }

  private volatile Held held;

  VolatileClockContender(FakeIms ims) {
    FakeIms.Issued t = ims.exchange();
    this.held = new Held(t.value, System.nanoTime() + t.lifetime.toNanos());
  }

  @Override
  public String token() {
    Held h = held;
    if (System.nanoTime() - h.deadlineNanos < 0) {
      return h.token;
    }
    throw new IllegalStateException("expired");
  }
}
