package dev.fireflyauth;

import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SourceContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A credential source for chain tests, with scripted behaviour and a call counter. */
final class FixtureSource implements CredentialSource {
  final String name;
  final int order;
  final Function<SourceContext, Optional<ClientCredentials>> behaviour;
  final AtomicInteger loads = new AtomicInteger();
  volatile boolean closed;

  FixtureSource(String name, int order, Function<SourceContext, Optional<ClientCredentials>> behaviour) {
    this.name = name;
    this.order = order;
    this.behaviour = behaviour;
  }

  static FixtureSource absent(String name, int order, String reason) {
    return new FixtureSource(name, order, ctx -> ctx.notConfigured(reason));
  }

  static FixtureSource fixed(String name, int order, String clientId, String secret) {
    return new FixtureSource(name, order, ctx -> Optional.of(ClientCredentials.builder()
        .clientId(clientId).addSecret(Secret.of(secret)).origin(name + " fixture").build()));
  }

  static FixtureSource broken(String name, int order, String message) {
    return new FixtureSource(name, order, ctx -> {
      throw new CredentialSourceException(name, message);
    });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int order() {
    return order;
  }

  @Override
  public Optional<ClientCredentials> load(SourceContext context) {
    loads.incrementAndGet();
    return behaviour.apply(context);
  }

  @Override
  public void close() {
    closed = true;
  }
}
