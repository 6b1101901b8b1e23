package dev.fireflyauth.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Somewhere tokens outlive the process that got them: a directory, a Redis server. Implemented by store
 * providers ({@link TokenStoreFactory}); used by the library, never by applications directly.
 *
 * <p>Why it exists: shell scripts, CI jobs and fleets of pods each run a fresh process, and each would
 * exchange again, which Adobe throttles. A store is deliberately dumb: it keeps opaque byte values under
 * opaque keys, with an expiry, and offers a cross-process lock per key. The library derives the keys (a hash
 * of token endpoint, client ID and scopes) and seals the values (AES-GCM under a key derived from the client
 * secret) before a store sees them, so a store never holds a token, a secret or a client ID in plaintext and
 * cannot hand one process another's token.
 *
 * <p>Every method may throw {@link TokenStoreException} when the store cannot be used right now; the library
 * then exchanges as if there were no store, logs one warning, and never fails the caller. Implementations are
 * thread-safe and must bound every wait (a store that hangs is a broken store).
 */
public interface TokenStore extends AutoCloseable {

  /**
   * Where the store is, for traces and {@code firefly-auth cache list}: {@code file /home/me/.cache/firefly-auth},
   * {@code redis redis://cache:6379/0}. Never a password.
   */
  String describe();

  /** The value stored under {@code key}, or empty. */
  Optional<byte[]> read(String key);

  /** Stores {@code value} under {@code key} until {@code expiresAt}; the store may forget it earlier. */
  void write(String key, byte[] value, Instant expiresAt);

  /** Removes {@code key}'s value if it still equals {@code expected} (any value when {@code expected} is null). */
  void delete(String key, byte[] expected);

  /**
   * Takes the exclusive lock for {@code key} across processes, waiting at most {@code maxWait}; empty when it
   * was not obtained in time. A process that dies holding it must not block others for longer than
   * {@code maxWait}.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  Optional<Lock> lock(String key, Duration maxWait) throws InterruptedException;

  /** Every key and value, for {@code firefly-auth cache list} and {@code cache clear}. */
  Map<String, byte[]> entries();

  /** Whether the store can be used now; empty when it can, else why not (for {@code explain()}). */
  Optional<String> problem();

  /** Releases connections, threads and file handles. Idempotent. */
  @Override
  void close();

  /** A held lock; {@link #close()} releases it. */
  interface Lock extends AutoCloseable {
    @Override
    void close();
  }
}
