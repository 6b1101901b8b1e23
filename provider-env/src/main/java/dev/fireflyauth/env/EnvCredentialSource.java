package dev.fireflyauth.env;

import com.google.auto.service.AutoService;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SourceContext;
import dev.fireflyauth.spi.support.HeaderValues;
import dev.fireflyauth.spi.support.LocatorParams;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Credentials from environment variables and Java system properties: the way CI systems, containers and
 * twelve-factor apps pass them.
 *
 * <p>Reads {@code FIREFLY_SERVICES_CLIENT_ID}, {@code FIREFLY_SERVICES_CLIENT_SECRET} and
 * {@code FIREFLY_SERVICES_SCOPES}, and {@code FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS} as a second live
 * secret during a rotation; for each, an explicit setting wins over the system property
 * ({@code firefly.services.client.id}, …), which wins over the environment variable. The older names
 * {@code FIREFLY_CLIENT_ID} / {@code FIREFLY_CLIENT_SECRET} still work, with a deprecation warning.
 * {@code firefly:env?prefix=MYAPP_} reads {@code MYAPP_CLIENT_ID}, {@code MYAPP_CLIENT_SECRET},
 * {@code MYAPP_SCOPES} (system properties {@code myapp.client.id}, …) instead.
 *
 * <p>Half-configured is broken, not absent: a secret without an ID always, and an ID without a secret
 * unless a ready-made access token ({@code FIREFLY_SERVICES_ACCESS_TOKEN}) is set, in which case the ID is
 * only needed for the {@code x-api-key} header.
 */
@AutoService(CredentialSource.class)
public final class EnvCredentialSource implements CredentialSource {
  static final String NAME = "env";
  private static final Setting LEGACY_ID = Setting.of("firefly.client.id", "FIREFLY_CLIENT_ID");
  private static final Setting LEGACY_SECRET = Setting.of("firefly.client.secret", "FIREFLY_CLIENT_SECRET");
  private static final List<String> PARAMS = List.of("prefix");

  /** The names this source reads: standard, or derived from a prefix. */
  private record Names(Setting id, Setting secret, Setting scopes, boolean legacyAllowed) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return 100;
  }

  @Override
  public Optional<ClientCredentials> load(SourceContext context) {
    Names names = names(context.locator());
    Settings settings = context.settings();
    Optional<Settings.Value> id = settings.get(names.id);
    Optional<Settings.Value> secret = settings.get(names.secret);
    if (names.legacyAllowed) {
      id = id.or(() -> legacy(context, LEGACY_ID, names.id));
      secret = secret.or(() -> legacy(context, LEGACY_SECRET, names.secret));
    }
    if (id.isEmpty() && secret.isEmpty()) {
      return context.notConfigured(names.id + " is not set");
    }
    if (id.isEmpty()) {
      throw new CredentialSourceException(
          NAME, secret.get().where() + " is set but " + names.id + " is not: set the client ID too");
    }
    boolean staticToken = settings.get(Setting.ACCESS_TOKEN).isPresent();
    if (secret.isEmpty() && !staticToken) {
      throw new CredentialSourceException(
          NAME,
          id.get().where() + " is set but " + names.secret + " is not: set the client secret, or "
              + Setting.ACCESS_TOKEN.env() + " to use a ready-made token");
    }
    if (HeaderValues.hasControlCharacter(id.get().value())) {
      throw new CredentialSourceException(NAME, id.get().where()
          + " contains a control character (a line break?); a client ID is sent as a header and must not");
    }
    ClientCredentials.Builder b =
        ClientCredentials.builder().clientId(id.get().value()).origin(origin(id.get()));
    secret.ifPresent(s -> b.addSecret(Secret.of(s.value())));
    if (secret.isPresent() && names.legacyAllowed()) {
      // During a rotation the previous secret stays live; it is tried when the newest is rejected.
      String newest = secret.get().value();
      settings.get(Setting.CLIENT_SECRET_PREVIOUS)
          .filter(p -> !p.value().equals(newest))
          .ifPresent(p -> b.addSecret(Secret.of(p.value())));
    }
    settings.get(names.scopes).ifPresent(s -> b.scopes(s.value()));
    return Optional.of(b.build());
  }

  private static Optional<Settings.Value> legacy(SourceContext context, Setting legacy, Setting current) {
    Optional<Settings.Value> v = context.settings().get(legacy);
    v.ifPresent(value -> context.warn(
        value.where() + " is deprecated: rename it to "
            + (value.origin() == Settings.Value.Origin.ENVIRONMENT ? current.env() : current.property())));
    return v;
  }

  private static Names names(Optional<Locator> locator) {
    if (locator.isEmpty()) {
      return new Names(Setting.CLIENT_ID, Setting.CLIENT_SECRET, Setting.SCOPES, true);
    }
    Locator l = locator.get();
    LocatorParams.requireNoPart(l, NAME, "firefly:env or firefly:env?prefix=MYAPP_");
    LocatorParams.check(l, NAME, PARAMS, false);
    Optional<String> prefix = l.param("prefix");
    if (prefix.isEmpty()) {
      return new Names(Setting.CLIENT_ID, Setting.CLIENT_SECRET, Setting.SCOPES, true);
    }
    String p = prefix.get();
    if (!p.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new CredentialSourceException(NAME, "locator '" + l + "': parameter 'prefix' is not a valid"
          + " environment variable prefix (letters, digits and '_', not starting with a digit), e.g. MYAPP_");
    }
    String property = p.toLowerCase(Locale.ROOT).replace('_', '.');
    if (!property.isEmpty() && !property.endsWith(".")) {
      property += ".";
    }
    return new Names(
        Setting.of(property + "client.id", p + "CLIENT_ID"),
        Setting.of(property + "client.secret", p + "CLIENT_SECRET"),
        Setting.of(property + "scopes", p + "SCOPES"),
        false);
  }

  /** {@code env FIREFLY_SERVICES_CLIENT_ID}, or {@code env system property firefly.services.client.id}. */
  private static String origin(Settings.Value id) {
    return NAME + " " + (id.origin() == Settings.Value.Origin.ENVIRONMENT ? id.name() : id.where());
  }

  @Override
  public String toString() {
    return "EnvCredentialSource";
  }
}
