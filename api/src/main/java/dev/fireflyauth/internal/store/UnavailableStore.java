package dev.fireflyauth.internal.store;

import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.spi.TokenStoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A store that was asked for but cannot exist here (the default file store without a home directory or
 * {@code XDG_CACHE_HOME}): every use fails with the reason, which the library turns into one warning and a
 * plain exchange, and {@code explain()} shows it. Immutable.
 */
final class UnavailableStore implements TokenStore {
  private final String describe;
  private final String reason;

  UnavailableStore(String describe, String reason) {
    this.describe = describe;
    this.reason = reason;
  }

  private TokenStoreException unavailable() {
    return new TokenStoreException(describe + ": " + reason, null);
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public Optional<byte[]> read(String key) {
    throw unavailable();
  }

  @Override
  public void write(String key, byte[] value, Instant expiresAt) {
    throw unavailable();
  }

  @Override
  public void delete(String key, byte[] expected) {
    throw unavailable();
  }

  @Override
  public Optional<Lock> lock(String key, Duration maxWait) {
    throw unavailable();
  }

  @Override
  public Map<String, byte[]> entries() {
    throw unavailable();
  }

  @Override
  public Optional<String> problem() {
    return Optional.of(describe + ": " + reason);
  }

  @Override
  public void close() {}
}
