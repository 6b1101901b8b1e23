package dev.fireflyauth;

import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SourceContext;
import java.util.Optional;

/** Registered through a services file written by a test, to exercise real discovery inside api. */
public final class DiscoverableSource implements CredentialSource {
  @Override
  public String name() {
    return "discoverable";
  }

  @Override
  public Optional<ClientCredentials> load(SourceContext context) {
    return Optional.of(ClientCredentials.builder().clientId("discovered-id").origin("discoverable").build());
  }
}
