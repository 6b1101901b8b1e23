package dev.fireflyauth.spi;

import dev.fireflyauth.ClientCredentials;

/**
 * Credentials resolved by the chain, plus the way back to the source that supplied them.
 *
 * <p>Why it exists: secrets rotate. When IMS rejects a secret, a token provider asks the <em>same</em> source
 * (not the whole chain: that could switch identity) to read again, bypassing its caches. Thread-safe.
 */
public interface CredentialsHandle {

  /**
   * The credentials, resolving the chain on the first call.
   *
   * @throws dev.fireflyauth.CredentialsNotFoundException when no source has any
   * @throws dev.fireflyauth.ConfigurationException when a source is broken
   */
  ClientCredentials get();

  /**
   * Asks the source that supplied {@link #get()} to load again; {@link #get()} then returns the result.
   *
   * @param bypassCaches true after a rejection: read the store itself, not a cached copy
   */
  ClientCredentials reload(boolean bypassCaches);
}
