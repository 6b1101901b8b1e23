package dev.fireflyauth;

import java.util.concurrent.CompletableFuture;

/**
 * Hands out a valid access token, fetching or refreshing it as needed.
 *
 * <p>Why it exists: callers want "a token that works now" and should not know whether it came from a
 * variable, a cache, a token store or a fresh IMS exchange. Implementations are thread-safe; {@link #token()}
 * on a cached token must be cheap enough to call before every request.
 *
 * <h2>Who blocks</h2>
 *
 * <ul>
 *   <li>{@link #token()} blocks only when no usable token is cached (first call, expiry, after
 *       {@link #invalidate}); the caching implementation answers a cached token without locking.
 *   <li>{@link #tokenAsync()} never blocks the caller: a missing token is fetched on another thread.
 *   <li>{@link #invalidate(AccessToken)} never blocks and never calls the network.
 *   <li>{@link #close()} does not wait for a running exchange: it cancels it.
 * </ul>
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

  /**
   * Drops {@code rejected} if it is still the current token, so that the next {@link #token()} fetches a new
   * one: for an API that answered 401 to a request carrying it. A token that was already replaced is left
   * alone, so a hundred callers that saw the same 401 cause one new exchange, not a hundred.
   *
   * <p>The rule for callers (OkHttp's {@code Authenticator} follows it): on a 401, invalidate the token the
   * request carried and retry <em>once</em> with a new token; if that is refused too, give up and report the
   * 401, because the credentials lack a permission and another token will not help. The default does nothing
   * (a ready-made token cannot be replaced).
   */
  default void invalidate(AccessToken rejected) {}

  /** Stops anything the provider started. Idempotent. */
  @Override
  default void close() {}
}
