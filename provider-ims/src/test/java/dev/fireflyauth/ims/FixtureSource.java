package dev.fireflyauth.ims;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SourceContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A credential source for tests (provider-env is not a dependency here): answers {@code initial}, and
 * {@code afterRefresh} when asked to bypass caches after a rejection, counting both.
 */
final class FixtureSource implements CredentialSource {
  private final ClientCredentials initial;
  private final ClientCredentials afterRefresh;
  final AtomicInteger loads = new AtomicInteger();
  final AtomicInteger refreshes = new AtomicInteger();

  FixtureSource(ClientCredentials initial, ClientCredentials afterRefresh) {
    this.initial = initial;
    this.afterRefresh = afterRefresh;
  }

  FixtureSource(ClientCredentials credentials) {
    this(credentials, credentials);
  }

  @Override
  public String name() {
    return "fixture";
  }

  @Override
  public int order() {
    return 1;
  }

  @Override
  public Optional<ClientCredentials> load(SourceContext context) {
    loads.incrementAndGet();
    if (context.bypassCaches()) {
      refreshes.incrementAndGet();
      return Optional.of(afterRefresh);
    }
    return Optional.of(initial);
  }
}
