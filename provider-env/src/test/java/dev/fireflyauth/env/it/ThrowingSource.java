package dev.fireflyauth.env.it;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SourceContext;
import java.util.Optional;

/** A provider whose constructor throws: discovery must report it and keep the others working. */
public final class ThrowingSource implements CredentialSource {
  public ThrowingSource() {
    throw new IllegalStateException("ThrowingSource cannot start: vault agent socket missing");
  }

  @Override
  public String name() {
    return "throwing";
  }

  @Override
  public Optional<ClientCredentials> load(SourceContext context) {
    return Optional.empty();
  }
}
