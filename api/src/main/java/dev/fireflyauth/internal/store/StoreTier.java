package dev.fireflyauth.internal.store;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.cache.SharedTier;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.store.StoredEntry;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link TokenStore} as the shared tier of one token provider's cache: finds the entry for the resolved
 * credentials, opens it with their secret, and runs "re-read, exchange if still needed, write" under the
 * store's cross-process lock.
 *
 * <p>Why it exists: it is the policy between a dumb byte store and the token cache. Every store problem
 * (unreachable, unwritable, corrupt or foreign entry, a lock held too long) becomes a plain exchange and one
 * warning; a tampered or foreign entry is replaced by the next write. Thread-safe.
 */
public final class StoreTier implements SharedTier {
  private static final System.Logger LOG = System.getLogger(StoreTier.class.getName());
  /**
   * At most this is taken off a stored token's wall-clock expiry: two processes' clocks may disagree a little.
   * For short-lived tokens it is 1 % of the lifetime instead (see {@link #clockMargin}).
   */
  static final Duration CLOCK_MARGIN = Duration.ofSeconds(10);

  private final TokenStore store;
  private final URI issuer;
  private final CredentialsHandle credentials;
  private final Duration maxWait;
  private final TimeSource time;
  private final Consumer<String> warn;

  public StoreTier(
      TokenStore store, URI issuer, CredentialsHandle credentials, Duration maxWait, TimeSource time,
      Consumer<String> warn) {
    this.store = store;
    this.issuer = issuer;
    this.credentials = credentials;
    this.maxWait = maxWait;
    this.time = time;
    this.warn = warn;
  }

  @Override
  public AccessToken obtain(Supplier<AccessToken> exchange, Predicate<AccessToken> fresh) {
    ClientCredentials c = credentialsOrNull();
    if (c == null || !c.hasSecret()) {
      return exchange.get(); // the exchange reports what is missing
    }
    String key = EntryKeys.of(issuer, c.clientId(), c.scopes());
    Optional<TokenStore.Lock> lock = Optional.empty();
    try {
      boolean storeUsable = true;
      try {
        Optional<AccessToken> stored = read(key, c, fresh);
        if (stored.isPresent()) {
          return stored.get();
        }
        lock = lock(key);
        if (lock.isPresent()) {
          stored = read(key, c, fresh); // another process may have exchanged while we waited
          if (stored.isPresent()) {
            return stored.get();
          }
        }
      } catch (StoreDown e) {
        // One warning per failed call, then a plain exchange: the store is not asked again this time.
        warn(e.getMessage());
        storeUsable = false;
      }
      AccessToken token = exchange.get();
      if (storeUsable) {
        write(key, c, token);
      }
      return token;
    } finally {
      lock.ifPresent(this::release); // on every path: a hit after waiting must release too
    }
  }

  /** The store failed; the message is the one warning to give. */
  private static final class StoreDown extends Exception {
    private static final long serialVersionUID = 1L;

    StoreDown(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public void invalidate(AccessToken rejected) {
    try {
      ClientCredentials c = credentialsOrNull();
      if (c == null || !c.hasSecret()) {
        return;
      }
      String key = EntryKeys.of(issuer, c.clientId(), c.scopes());
      Optional<byte[]> bytes = store.read(key);
      if (bytes.isPresent() && Sealer.open(key, c, bytes.get()).token().equals(rejected.value())) {
        store.delete(key, bytes.get());
      }
    } catch (Sealer.Unreadable e) {
      // Not the rejected token: nothing to remove.
    } catch (RuntimeException e) {
      warn("could not remove a rejected token from " + store.describe() + ": " + e.getMessage());
    }
  }

  private ClientCredentials credentialsOrNull() {
    try {
      return credentials.get();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private Optional<AccessToken> read(String key, ClientCredentials c, Predicate<AccessToken> fresh)
      throws StoreDown {
    byte[] bytes;
    try {
      Optional<byte[]> found = store.read(key);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      bytes = found.get();
    } catch (RuntimeException e) {
      throw new StoreDown("token store " + store.describe() + " cannot be used (" + e.getMessage()
          + "); exchanging without it");
    }
    Sealer.Opened opened;
    try {
      opened = Sealer.open(key, c, bytes);
    } catch (Sealer.Unreadable e) {
      warn("ignoring a stored token in " + store.describe() + ": " + e.getMessage() + "; it will be replaced");
      return Optional.empty();
    }
    Instant now = time.now();
    Duration margin = clockMargin(opened.entry());
    if (!now.isBefore(opened.entry().expiresAt().minus(margin))) {
      deleteQuietly(key, bytes);
      return Optional.empty();
    }
    AccessToken token;
    try {
      token = AccessToken.restored(opened.token(), opened.entry().type(), opened.entry().issuedAt(),
              opened.entry().expiresAt(), margin, time)
          .withClientId(c.clientId())
          .fromStore("token store " + store.describe());
    } catch (IllegalArgumentException e) {
      warn("ignoring a stored token in " + store.describe() + ": it is malformed; it will be replaced");
      return Optional.empty();
    }
    if (!fresh.test(token)) {
      LOG.log(Level.DEBUG, "the stored token is too close to its refresh point; exchanging");
      return Optional.empty();
    }
    return Optional.of(token);
  }

  /**
   * The margin for one stored token: {@link #CLOCK_MARGIN}, or 1 % of its lifetime when that is less. A fixed
   * 10 s would make a process that borrowed a 60-second token refresh seconds before the one that fetched it,
   * so a fleet would exchange more often than one process; for IMS's 24-hour tokens the 10 s apply.
   */
  static Duration clockMargin(StoredEntry entry) {
    Duration lifetime = Duration.between(entry.issuedAt(), entry.expiresAt());
    Duration scaled = lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(100);
    return scaled.compareTo(CLOCK_MARGIN) < 0 ? scaled : CLOCK_MARGIN;
  }

  private void write(String key, ClientCredentials c, AccessToken token) {
    if (!token.hasExpiry() || token.expiresAt().isEmpty()) {
      return;
    }
    Instant expiresAt = token.expiresAt().get();
    Instant issuedAt = expiresAt.minus(token.lifetime());
    try {
      store.write(key, Sealer.seal(key, c, token.value(), token.type(), issuedAt, expiresAt), expiresAt);
    } catch (RuntimeException e) {
      warn("could not write the token to " + store.describe() + " (" + e.getMessage() + "); other processes will"
          + " exchange on their own");
    }
  }

  private Optional<TokenStore.Lock> lock(String key) throws StoreDown {
    try {
      Optional<TokenStore.Lock> l = store.lock(key, maxWait);
      if (l.isEmpty()) {
        warn("another process held the lock of " + store.describe() + " for more than " + maxWait.toSeconds()
            + " s; exchanging without it");
      }
      return l;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while waiting for the lock of " + store.describe(), e);
    } catch (RuntimeException e) {
      throw new StoreDown("token store " + store.describe() + " cannot be locked (" + e.getMessage()
          + "); exchanging without it");
    }
  }

  private void release(TokenStore.Lock lock) {
    try {
      lock.close();
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "releasing the token store lock failed: " + e.getMessage());
    }
  }

  private void deleteQuietly(String key, byte[] expected) {
    try {
      store.delete(key, expected);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "removing an expired entry failed: " + e.getMessage());
    }
  }

  private void warn(String message) {
    warn.accept(message);
  }

  @Override
  public String toString() {
    return "StoreTier{" + store.describe() + '}';
  }
}
