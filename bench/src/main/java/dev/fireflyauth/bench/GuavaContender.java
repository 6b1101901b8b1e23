package dev.fireflyauth.bench;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import java.time.Duration;

/**
 * Guava {@code Suppliers.memoizeWithExpiration}, the hand-rolled cache: memoized for one fixed duration chosen
 * when the code is written, as users write it ({@code memoizeWithExpiration(fetch, 23h55m)} for IMS's 24 h
 * tokens: the documented lifetime less a 5-minute margin). It cannot follow the lifetime each token announces,
 * has no clock to inject, no proactive refresh and no stale-on-error.
 */
final class GuavaContender implements Contender {
  /** What a user configures for IMS tokens: 24 h less a 5-minute margin. */
  static final Duration USER_MEMO = Duration.ofHours(24).minusMinutes(5);

  private final Supplier<String> memo;

  GuavaContender(FakeIms ims, Duration memo) {
    this.memo = Suppliers.memoizeWithExpiration(() -> ims.exchange().value, memo);
  }

  @Override
  public String token() {
    return memo.get();
  }
}
