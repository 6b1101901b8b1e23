package dev.fireflyauth;

import java.util.concurrent.CompletableFuture;

/**
 * Hands out a valid access token, fetching or refreshing it as needed.
 *
 * <p>Why it exists: callers want "a token that works now" and should not know whether it came from a
 * variable, a cache or a fresh IMS exchange. Implementations are thread-safe; {@link #token()} on a cached
 * token must be cheap enough to call before every request.
 */
public interface TokenProvider extends AutoCloseable {

  /**
   * A currently valid token, blocking while one is fetched if none is cached.
   *
   * @throws FireflyAuthException typed by {@link FireflyAuthException#kind()}
   */
  AccessToken token();

  /** Like {@link #token()} without blocking the caller; the future fails with a {@link FireflyAuthException}. */
  default CompletableFuture<AccessToken> tokenAsync() {
    try {
      return CompletableFuture.completedFuture(token());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Stops anything the provider started. Idempotent. */
  @Override
  default void close() {}
}
