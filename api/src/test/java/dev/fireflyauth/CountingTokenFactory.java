package dev.fireflyauth;

import dev.fireflyauth.cache.TokenCache;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A token provider factory the way real ones are built (a {@link TokenCache} with the context's listener,
 * executor and shared tier) over an "issuer" that counts exchanges: api's tests see what FireflyAuth wires
 * without a network peer.
 */
final class CountingTokenFactory implements TokenProviderFactory {
  static final URI ISSUER = URI.create("https://ims.example.test/ims/token/v3");

  final AtomicInteger exchanges = new AtomicInteger();
  volatile Duration lifetime = Duration.ofHours(1);
  volatile Supplier<RuntimeException> failure;
  volatile CountDownLatch gate;
  private final String prefix;

  CountingTokenFactory(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public String name() {
    return "counting";
  }

  @Override
  public Optional<TokenProvider> create(TokenContext context) {
    ClientCredentials c = context.credentials().get();
    TokenCache.Builder b = TokenCache.builder(() -> exchange(context, c))
        .timeSource(context.time())
        .listener(context.listener());
    context.executor().ifPresent(b::executor);
    context.sharedTier(ISSUER, Duration.ofSeconds(10)).ifPresent(b::sharedTier);
    return Optional.of(b.build());
  }

  private AccessToken exchange(TokenContext context, ClientCredentials c) {
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransientException("interrupted", e);
      }
    }
    int n = exchanges.incrementAndGet();
    Supplier<RuntimeException> f = failure;
    if (f != null) {
      throw f.get();
    }
    return AccessToken.issued(Secret.of(prefix + "-token-" + n), "bearer", lifetime, context.time())
        .withClientId(c.clientId())
        .withOrigin("counting via " + c.origin());
  }
}
