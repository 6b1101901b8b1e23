package dev.fireflyauth.spi;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Locator;
import java.util.Optional;

/**
 * A place credentials may be kept: environment variables, a file, a secret store. Implemented by providers,
 * found with {@link java.util.ServiceLoader} (register with {@code @AutoService(CredentialSource.class)}).
 *
 * <p>Why it exists: it is the one extension point for "where do the credentials live". The contract that
 * keeps chains safe: {@link #load(SourceContext)} returns <em>empty</em> (through
 * {@link SourceContext#notConfigured(String)}) when the source is not configured here, so the chain moves
 * on; it <strong>throws</strong> {@link dev.fireflyauth.CredentialSourceException} when configured but
 * broken, because silently falling through to another source would switch identity.
 *
 * <p>Instances are created once per {@link dev.fireflyauth.FireflyAuth} by a public no-argument
 * constructor, which must be cheap and must not touch the network or start threads. {@code load} may be
 * called concurrently and repeatedly (re-reads after rotation), so sources are thread-safe.
 */
public interface CredentialSource extends AutoCloseable {

  /** The name used in locators ({@code firefly:<name>:…}) and traces; lower-case, e.g. {@code file}. */
  String name();

  /** Position in the default chain, lower first. Built-ins: env 100, file 200, aws-secrets 300. */
  default int order() {
    return 1000;
  }

  /** Whether this source handles {@code locator}; by default when the locator names it. */
  default boolean accepts(Locator locator) {
    return name().equals(locator.source());
  }

  /**
   * Loads credentials.
   *
   * @return the credentials, or {@code context.notConfigured(reason)} when this source is not set up here
   * @throws dev.fireflyauth.CredentialSourceException when configured but broken; the message names the
   *     setting or file and never contains a secret
   * @throws dev.fireflyauth.TransientException when a remote store cannot be reached
   */
  Optional<ClientCredentials> load(SourceContext context);

  /**
   * How to store a rotated client secret back where {@link #load} read it (same locator and settings in
   * {@code context}); empty when this source cannot be written (environment variables) or is not configured.
   */
  default Optional<SecretWriteBack> writeBack(SourceContext context) {
    return Optional.empty();
  }

  /** Releases clients or files the source opened. Idempotent; the default does nothing. */
  @Override
  default void close() {}
}
