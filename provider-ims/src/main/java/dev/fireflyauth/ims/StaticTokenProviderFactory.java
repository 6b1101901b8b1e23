package dev.fireflyauth.ims;

import com.google.auto.service.AutoService;
import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import dev.fireflyauth.spi.support.HeaderValues;
import java.util.Optional;

/**
 * Uses {@code FIREFLY_SERVICES_ACCESS_TOKEN} (system property {@code firefly.services.access.token}) as is:
 * the first link of the default token chain.
 *
 * <p>Why it exists: a token minted elsewhere (a CI job, the Developer Console, a sidecar) needs no client
 * secret and no IMS call. Its expiry is unknown to us, so it is never refreshed; credentials are not resolved
 * for it (a client ID is needed only for the {@code x-api-key} header). Immutable and thread-safe.
 */
@AutoService(TokenProviderFactory.class)
public final class StaticTokenProviderFactory implements TokenProviderFactory {

  @Override
  public String name() {
    return "static-token";
  }

  @Override
  public int order() {
    return 100;
  }

  @Override
  public Optional<TokenProvider> create(TokenContext context) {
    Optional<Settings.Value> v = context.settings().get(Setting.ACCESS_TOKEN);
    if (v.isEmpty()) {
      return context.notConfigured(Setting.ACCESS_TOKEN + " is not set");
    }
    if (HeaderValues.hasControlCharacter(v.get().value())) {
      throw new ConfigurationException(v.get().where() + " contains a control character (a line break?); a token"
          + " is sent in the Authorization header and must not");
    }
    context.usedBecause("the ready-made token in " + v.get().where());
    return Optional.of(new StaticTokenProvider(
        AccessToken.withoutExpiry(Secret.of(v.get().value()), "bearer").withOrigin(name() + " (" + v.get().where() + ")"),
        v.get().where()));
  }

  /** Hands out the one token it was given. */
  private static final class StaticTokenProvider implements TokenProvider {
    private final AccessToken token;
    private final String where;

    StaticTokenProvider(AccessToken token, String where) {
      this.token = token;
      this.where = where;
    }

    @Override
    public AccessToken token() {
      return token;
    }

    @Override
    public String toString() {
      return "StaticTokenProvider{from " + where + '}';
    }
  }
}
