package dev.fireflyauth.spi;

import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.cache.SharedTier;
import dev.fireflyauth.cache.TokenCacheListener;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What a {@link TokenProviderFactory} gets: settings, clocks, the executor for background refreshes, the
 * credentials chain (resolved only when the factory asks for it), the listener the application registered,
 * and the token store, if one is configured.
 */
public interface TokenContext {

  /** Settings to read. */
  Settings settings();

  /** The clock token caches must use. */
  TimeSource time();

  /** The executor the user chose for background refreshes; empty means "let the cache start its own threads". */
  Optional<Executor> executor();

  /** The credentials chain. Calling {@link CredentialsHandle#get()} resolves it. */
  CredentialsHandle credentials();

  /** Records why this factory does not apply here and returns empty. */
  Optional<TokenProvider> notConfigured(String reason);

  /**
   * The listener(s) the application registered with {@code FireflyAuth.Builder.listener}: pass it to the
   * provider's {@link dev.fireflyauth.cache.TokenCache}. Never null.
   */
  default TokenCacheListener listener() {
    return TokenCacheListener.NONE;
  }

  /**
   * The configured token store as a tier for the provider's cache, keyed by {@code issuer} and the
   * credentials this context resolves (client ID, scopes) and encrypted under their client secret; empty when
   * no store is configured ({@code FIREFLY_TOKEN_STORE} unset or {@code none}).
   *
   * @param issuer the token endpoint, part of the entry's key
   * @param maxWait the longest an exchange may take: how long to wait for another process's exchange
   */
  default Optional<SharedTier> sharedTier(URI issuer, Duration maxWait) {
    return Optional.empty();
  }

  /** Records a warning for {@code explain()} and logs it once. */
  default void warn(String message) {}

  /**
   * What {@code explain()} says when this factory provides the token, e.g. {@code "tokens from the agent at
   * http://127.0.0.1:8719"}; without it the line says "provides the access token". Never a secret.
   */
  default void usedBecause(String reason) {}
}
