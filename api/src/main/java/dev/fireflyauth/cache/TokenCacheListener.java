package dev.fireflyauth.cache;

import dev.fireflyauth.AccessToken;
import java.time.Duration;

/**
 * Callbacks from a {@link TokenCache}, to bridge to metrics or alerts without a dependency.
 *
 * <p>Called on the thread that ran the exchange (the caller for a first token, the refresh thread for a
 * background refresh), after the cache state is updated, failures of background refreshes included. Keep
 * them quick; an exception thrown here is logged and otherwise ignored. Implement either the short or the
 * timed form of each method; the cache calls the timed one.
 */
public interface TokenCacheListener {

  /** A listener that does nothing. */
  TokenCacheListener NONE = new TokenCacheListener() {};

  /** A new token was obtained. {@code AccessToken#toString()} is safe to log. */
  default void onRefresh(AccessToken token) {}

  /**
   * A new token was obtained, by an exchange or from a token store ({@link AccessToken#fromStore()}).
   *
   * @param took how long it took to obtain it
   */
  default void onRefresh(AccessToken token, Duration took) {
    onRefresh(token);
  }

  /**
   * An exchange failed.
   *
   * @param error the failure, typed by {@link dev.fireflyauth.FireflyAuthException#kind()} when it is ours
   * @param consecutiveFailures failures since the last success, 1 for the first
   * @param nextAttemptIn how long the cache waits before a background retry
   * @param stillValid whether callers are still being served a valid cached token
   */
  default void onFailure(RuntimeException error, int consecutiveFailures, Duration nextAttemptIn, boolean stillValid) {}

  /** Like {@link #onFailure(RuntimeException, int, Duration, boolean)}, with how long the failed attempt took. */
  default void onFailure(
      RuntimeException error, int consecutiveFailures, Duration nextAttemptIn, boolean stillValid, Duration took) {
    onFailure(error, consecutiveFailures, nextAttemptIn, stillValid);
  }

  /** A listener that calls each of {@code listeners} in order; one that throws does not stop the others. */
  static TokenCacheListener all(java.util.List<TokenCacheListener> listeners) {
    java.util.List<TokenCacheListener> copy = java.util.List.copyOf(listeners);
    if (copy.isEmpty()) {
      return NONE;
    }
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return new CompositeListener(copy);
  }
}
