package dev.fireflyauth.bench;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import java.time.Duration;

/**
 * Guava {@code Suppliers.memoizeWithExpiration}, the hand-rolled cache: memoized for the lifetime IMS announces
 * less a 5-minute margin. It has no clock to inject, no proactive refresh and no stale-on-error.
 */
final class GuavaContender implements Contender {
  static final Duration MARGIN = Duration.ofMinutes(5);

  private final Supplier<String> memo;

  GuavaContender(FakeIms ims) {
    this.memo = Suppliers.memoizeWithExpiration(() -> ims.exchange().value, ims.announcedLifetime().minus(MARGIN));
  }

  @Override
  public String token() {
    return memo.get();
  }
}
