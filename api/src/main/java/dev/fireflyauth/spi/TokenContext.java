package dev.fireflyauth.spi;

import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TokenProvider;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What a {@link TokenProviderFactory} gets: settings, clocks, the executor for background refreshes, and the
 * credentials chain (resolved only when the factory asks for it).
 */
public interface TokenContext {

  /** Settings to read. */
  Settings settings();

  /** The clock token caches must use. */
  TimeSource time();

  /** The executor the user chose for background refreshes; empty means "let the cache start its own threads". */
  Optional<Executor> executor();

  /** The credentials chain. Calling {@link CredentialsHandle#get()} resolves it. */
  CredentialsHandle credentials();

  /** Records why this factory does not apply here and returns empty. */
  Optional<TokenProvider> notConfigured(String reason);
}
