package dev.fireflyauth.admin;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.ims.ImsTokenProviderFactory;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.spi.TokenContext;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Token providers from our own IMS exchange ({@link ImsTokenProviderFactory}) for credentials given here, and
 * nothing else: no credential chain, no ready-made {@code FIREFLY_SERVICES_ACCESS_TOKEN}, no token store.
 *
 * <p>Why it exists: the admin side needs tokens with scopes of its own (the I/O Management API's) and proof
 * that one particular secret works; a {@link dev.fireflyauth.FireflyAuth} would pick a ready-made token if one
 * is set, share tokens through a store, and fall back to another live secret, each of which would prove
 * nothing. The IMS settings ({@code FIREFLY_IMS_URL}, timeouts, proxy) are still read from the settings.
 * Immutable.
 */
final class ImsExchange {
  private final ImsTokenProviderFactory factory;
  private final Settings settings;
  private final TimeSource time;

  ImsExchange(ImsTokenProviderFactory factory, Settings settings, TimeSource time) {
    this.factory = factory;
    this.settings = settings;
    this.time = time;
  }

  /** A provider that exchanges exactly {@code credentials} (their secrets, newest first, and their scopes). */
  TokenProvider provider(ClientCredentials credentials) {
    return factory.create(new Context(settings, time, credentials)).orElseThrow(() -> new ConfigurationException(
        "the IMS token provider does not apply to the credentials from " + credentials.origin()));
  }

  /** Fixed credentials: a re-load after a rejection reads them again, unchanged. */
  private record Context(Settings settings, TimeSource time, ClientCredentials fixed) implements TokenContext {
    @Override
    public Optional<Executor> executor() {
      return Optional.empty();
    }

    @Override
    public CredentialsHandle credentials() {
      return new CredentialsHandle() {
        @Override
        public ClientCredentials get() {
          return fixed;
        }

        @Override
        public ClientCredentials reload(boolean bypassCaches) {
          return fixed;
        }
      };
    }

    @Override
    public Optional<TokenProvider> notConfigured(String reason) {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "ImsExchange.Context{" + fixed + '}';
    }
  }
}
