package dev.fireflyauth.env.it;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SourceContext;
import java.util.Optional;

/** A second provider, packaged into its own jar by the discovery test. */
public final class SecondSource implements CredentialSource {
  @Override
  public String name() {
    return "second";
  }

  @Override
  public int order() {
    return 150;
  }

  @Override
  public Optional<ClientCredentials> load(SourceContext context) {
    return context.settings().env("SECOND_ID")
        .map(id -> ClientCredentials.builder().clientId(id.value()).addSecret(Secret.of("second-secret"))
            .origin("second SECOND_ID").build())
        .or(() -> context.notConfigured("SECOND_ID is not set"));
  }
}
