package dev.fireflyauth.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.spi.TokenStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The lock is released on every path out of {@link StoreTier#obtain}, including the one where the re-read after
 * waiting finds the token another process just wrote (a leak there made every later waiter wait for the lease).
 */
class StoreTierLockTest {
  private static final URI ISSUER = URI.create("https://ims.example/t");
  private static final ClientCredentials CREDS =
      ClientCredentials.builder().clientId("client-lock-1").addSecret(Secret.of("lock-test-secret")).build();

  /** A store whose entry appears only after the lock was taken, as when another process wrote it meanwhile. */
  private static final class LateWriterStore implements TokenStore {
    final AtomicInteger locks = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();
    volatile byte[] entry;
    volatile byte[] writtenByOther;

    @Override
    public String describe() {
      return "test store";
    }

    @Override
    public Optional<byte[]> read(String key) {
      return Optional.ofNullable(entry);
    }

    @Override
    public void write(String key, byte[] value, Instant expiresAt) {
      entry = value;
    }

    @Override
    public void delete(String key, byte[] expected) {
      entry = null;
    }

    @Override
    public Optional<Lock> lock(String key, Duration maxWait) {
      locks.incrementAndGet();
      entry = writtenByOther; // the other process finished while we waited
      return Optional.of(releases::incrementAndGet);
    }

    @Override
    public Map<String, byte[]> entries() {
      return entry == null ? Map.of() : Map.of("k", entry);
    }

    @Override
    public Optional<String> problem() {
      return Optional.empty();
    }

    @Override
    public void close() {}
  }

  private static CredentialsHandle handle() {
    return new CredentialsHandle() {
      @Override
      public ClientCredentials get() {
        return CREDS;
      }

      @Override
      public ClientCredentials reload(boolean bypassCaches) {
        return CREDS;
      }
    };
  }

  @Test
  void aHitAfterWaitingForTheLockReleasesIt() {
    LateWriterStore store = new LateWriterStore();
    String key = EntryKeys.of(ISSUER, CREDS.clientId(), CREDS.scopes());
    Instant now = Instant.now();
    store.writtenByOther = Sealer.seal(key, CREDS, Secret.of("from-the-other-process"), "bearer", now,
        now.plus(Duration.ofHours(1)));
    StoreTier tier = new StoreTier(store, ISSUER, handle(), Duration.ofSeconds(5), TimeSource.system(), m -> {});
    AtomicInteger exchanges = new AtomicInteger();
    AccessToken t = tier.obtain(() -> {
      exchanges.incrementAndGet();
      return AccessToken.issued(Secret.of("ours"), "bearer", Duration.ofHours(1), TimeSource.system());
    }, token -> true);
    assertEquals("from-the-other-process", t.value().reveal());
    assertTrue(t.fromStore());
    assertEquals(0, exchanges.get());
    assertEquals(1, store.locks.get());
    assertEquals(1, store.releases.get(), "the lock must be released when the re-read finds a token");
  }

  @Test
  void anExchangeUnderTheLockReleasesItAndWrites() {
    LateWriterStore store = new LateWriterStore();
    StoreTier tier = new StoreTier(store, ISSUER, handle(), Duration.ofSeconds(5), TimeSource.system(), m -> {});
    tier.obtain(() -> AccessToken.issued(Secret.of("ours"), "bearer", Duration.ofHours(1), TimeSource.system()),
        token -> true);
    assertEquals(1, store.releases.get());
    assertTrue(store.entry != null, "the new token was written");
  }
}
