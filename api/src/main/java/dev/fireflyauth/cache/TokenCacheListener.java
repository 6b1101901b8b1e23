package dev.fireflyauth.cache;

import dev.fireflyauth.AccessToken;
import java.time.Duration;

/**
 * Callbacks from a {@link TokenCache}, to bridge to metrics or alerts without a dependency.
 *
 * <p>Called on the thread that ran the exchange, after the cache state is updated. Keep them quick; an
 * exception thrown here is logged and otherwise ignored.
 */
public interface TokenCacheListener {

  /** A new token was obtained. {@code AccessToken#toString()} is safe to log. */
  default void onRefresh(AccessToken token) {}

  /**
   * An exchange failed.
   *
   * @param error the failure, typed by {@link dev.fireflyauth.FireflyAuthException#kind()} when it is ours
   * @param consecutiveFailures failures since the last success, 1 for the first
   * @param nextAttemptIn how long the cache waits before a background retry
   * @param stillValid whether callers are still being served a valid cached token
   */
  default void onFailure(RuntimeException error, int consecutiveFailures, Duration nextAttemptIn, boolean stillValid) {}
}
