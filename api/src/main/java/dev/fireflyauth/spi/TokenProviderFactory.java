package dev.fireflyauth.spi;

import dev.fireflyauth.TokenProvider;
import java.util.Optional;

/**
 * Builds a {@link TokenProvider} when its inputs are present: a ready-made token in a setting, or client
 * credentials to exchange with IMS. Found with {@link java.util.ServiceLoader}; the first factory by
 * {@link #order()} that returns a provider wins.
 *
 * <p>Why it exists: how a token is obtained is as pluggable as where credentials live. A factory that is not
 * configured returns {@code context.notConfigured(reason)}; one that is configured but broken throws a
 * {@link dev.fireflyauth.ConfigurationException}. Construction must be cheap (no network, no threads).
 */
public interface TokenProviderFactory {

  /** A short name for traces, e.g. {@code static-token}, {@code ims}. */
  String name();

  /** Position in the chain, lower first. Built-ins: static token 100, IMS exchange 200. */
  default int order() {
    return 1000;
  }

  /** A provider, or {@code context.notConfigured(reason)}. */
  Optional<dev.fireflyauth.TokenProvider> create(TokenContext context);
}
