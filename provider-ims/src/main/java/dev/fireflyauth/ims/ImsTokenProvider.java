package dev.fireflyauth.ims;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.cache.TokenCache;
import java.util.concurrent.CompletableFuture;

/**
 * The provider {@link ImsTokenProviderFactory} hands out: its token cache, plus the HTTP resources the cache's
 * exchange uses, so that {@link #close()} also cancels a POST in flight and closes the client we made.
 */
final class ImsTokenProvider implements TokenProvider {
  private final TokenCache cache;
  private final ImsTokenRequest exchange;
  private final ImsTokenProviderFactory.OwnedClient client;

  ImsTokenProvider(TokenCache cache, ImsTokenRequest exchange, ImsTokenProviderFactory.OwnedClient client) {
    this.cache = cache;
    this.exchange = exchange;
    this.client = client;
  }

  @Override
  public AccessToken token() {
    return cache.token();
  }

  @Override
  public CompletableFuture<AccessToken> tokenAsync() {
    return cache.tokenAsync();
  }

  @Override
  public void invalidate(AccessToken rejected) {
    cache.invalidate(rejected);
  }

  /** Fails waiting callers, cancels the POST in flight, then closes the HTTP client we made. */
  @Override
  public void close() {
    cache.close();
    exchange.close();
    client.close();
  }

  @Override
  public String toString() {
    return "ImsTokenProvider{" + cache + '}';
  }
}
