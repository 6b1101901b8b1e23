package dev.fireflyauth.spi;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import java.util.Optional;

/**
 * What a {@link CredentialSource} gets for one {@code load}: settings, the locator (when the user named one),
 * a clock, and a way to say why it has nothing.
 *
 * <p>Why it exists: it keeps sources free of global state (they never read {@code System.getenv} directly,
 * so tests and embedders control everything) and lets the trace explain each decision.
 */
public interface SourceContext {

  /** Settings to read (explicit, system properties, environment). */
  Settings settings();

  /** The locator that selected this source, or empty when running in the default chain. */
  Optional<Locator> locator();

  /** The clock for TTLs and change detection. */
  TimeSource time();

  /**
   * True when the caller just saw the previously loaded credentials rejected: bypass any cache and read the
   * store again (the secret may have been rotated there).
   */
  boolean bypassCaches();

  /** Records why this source has nothing here, and returns empty for {@code return context.notConfigured(…)}. */
  Optional<ClientCredentials> notConfigured(String reason);

  /** Records a warning (a deprecated name, a loose file permission) in the trace and logs it once. */
  void warn(String message);
}
